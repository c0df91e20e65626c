package dev.scenes.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The plot of a --find-max run: throughput and event lag against the number of sensors. */
final class LoadPlot {

    private LoadPlot() {}

    static void write(List<LoadReport> runs, Path png) throws IOException {
        XYChart chart =
                new XYChartBuilder()
                        .width(900)
                        .height(520)
                        .title("scene job under live load (one run per point)")
                        .xAxisTitle("live 44.1 kHz sensors")
                        .build();
        double[] n = runs.stream().mapToDouble(r -> r.settings().sensors()).toArray();
        double[] offered =
                runs.stream().mapToDouble(LoadReport::offeredAudioSecondsPerSecond).toArray();
        double[] delivered =
                runs.stream().mapToDouble(LoadReport::deliveredAudioSecondsPerSecond).toArray();
        double[] p50 = runs.stream().mapToDouble(r -> r.eventLagMillis()[0] / 1000.0).toArray();
        double[] p99 = runs.stream().mapToDouble(r -> r.eventLagMillis()[2] / 1000.0).toArray();
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.setYAxisGroupTitle(0, "audio-seconds per second");
        chart.setYAxisGroupTitle(1, "event lag (s)");
        XYSeries o = chart.addSeries("offered audio-s/s", n, offered);
        o.setMarker(SeriesMarkers.NONE);
        chart.addSeries("delivered audio-s/s", n, delivered).setMarker(SeriesMarkers.CIRCLE);
        XYSeries a = chart.addSeries("event lag p50 (s)", n, p50);
        a.setYAxisGroup(1);
        a.setMarker(SeriesMarkers.DIAMOND);
        XYSeries b = chart.addSeries("event lag p99 (s)", n, p99);
        b.setYAxisGroup(1);
        b.setMarker(SeriesMarkers.SQUARE);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
