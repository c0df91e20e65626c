/**
 * Scale-out on the local multi-process cluster: the same recorded load processed at parallelism 1,
 * 2 and 4, with the throughput of each written to {@code target/cluster-reports/scale-out.txt}.
 */
package dev.scenes.cluster.scale;
