using OpinionBot.Incidents;
using OpinionBot.Text;
using ScottPlot;

namespace OpinionBot.Reports;

/// <summary>Incidents per day stacked by grade, as a PNG for the weekly and monthly reports (ScottPlot on SkiaSharp).</summary>
public static class TrendChart
{
    public const int DefaultWidth = 1000;
    public const int DefaultHeight = 500;

    private static readonly (Grade Grade, Color Color)[] Layers =
    [
        (Grade.General, Color.FromHex("#4E79A7")),
        (Grade.Larger, Color.FromHex("#F28E2B")),
        (Grade.Major, Color.FromHex("#E15759")),
    ];

    /// <summary>Renders the days of <paramref name="period"/> (missing days count zero) as a PNG of the given size.</summary>
    public static byte[] Render(
        IReadOnlyList<DayCount> days, ReportPeriod period, Strings text, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(period);
        ChartFont.Register();
        var byDay = days.ToDictionary(d => d.Day);
        using var plot = new Plot();

        var bars = new List<Bar>();
        for (var i = 0; i < period.DayCount; i++)
        {
            var count = byDay.GetValueOrDefault(period.First.AddDays(i)) ?? new DayCount(period.First.AddDays(i), 0, 0, 0);
            double stacked = 0;
            foreach (var (grade, color) in Layers)
            {
                var value = count.Of(grade);
                if (value > 0)
                {
                    bars.Add(new Bar { Position = i, ValueBase = stacked, Value = stacked + value, FillColor = color, LineWidth = 0 });
                    stacked += value;
                }
            }
        }

        plot.Add.Bars(bars);
        foreach (var (grade, color) in Layers)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = text.GradeName(grade), LabelFontName = ChartFont.Name, FillColor = color });
        }

        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontName = ChartFont.Name;
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Axes.Bottom.TickGenerator = DayTicks(period);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsX(-0.6, period.DayCount - 0.4);
        plot.Title(text.ChartTitle(period));
        plot.XLabel(text.ChartDays);
        plot.YLabel(text.ChartCount);
        plot.Font.Set(ChartFont.Name);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Every string the chart draws, so a test can check the embedded font has all their glyphs.</summary>
    public static IEnumerable<string> Labels(ReportPeriod period, Strings text) =>
        Layers.Select(l => text.GradeName(l.Grade))
            .Concat([text.ChartTitle(period), text.ChartDays, text.ChartCount])
            .Concat(Enumerable.Range(0, period.DayCount).Select(i => period.First.AddDays(i).ToString("MM-dd")));

    // About 16 labels at most, so a month's dates do not overlap.
    private static ScottPlot.TickGenerators.NumericManual DayTicks(ReportPeriod period)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var step = Math.Max(1, (int)Math.Ceiling(period.DayCount / 16.0));
        for (var i = 0; i < period.DayCount; i += step)
        {
            ticks.AddMajor(i, period.First.AddDays(i).ToString("MM-dd"));
        }

        return ticks;
    }
}
