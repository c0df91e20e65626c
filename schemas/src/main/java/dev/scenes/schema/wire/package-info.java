/**
 * The one wire encoding of every Kafka record value: Avro single-object encoding (two marker bytes,
 * the schema's 8-byte CRC-64-AVRO fingerprint, then Avro binary).
 *
 * <p>{@link dev.scenes.schema.wire.WireCodec} encodes and decodes the records of {@link
 * dev.scenes.schema}; every decoding failure is a {@link
 * dev.scenes.schema.wire.WireFormatException} that says in words what was wrong with the bytes.
 */
package dev.scenes.schema.wire;
