using System.Buffers.Binary;
using OpinionBot.Reports;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Reports;

public sealed class TrendChartTests
{
    private static readonly ReportPeriod March = ReportPeriod.MonthContaining(new DateOnly(2026, 3, 1));

    [Theory]
    [InlineData(1000, 500)]
    [InlineData(640, 360)]
    public void Render_MarchFixture_IsPngOfTheRequestedSize(int width, int height)
    {
        var summary = PeriodStatistics.Compute(ReportFixtures.March(), March, ReportFixtures.Zone, ReportFixtures.Deadlines, ReportFixtures.Later);

        var png = TrendChart.Render(summary.Days, March, Strings.Chinese, width, height);

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.True(png.Length > 5_000, $"a chart with bars, labels and a legend is more than a blank image ({png.Length} bytes)");
    }

    [Fact]
    public void Render_NoIncidents_StillDrawsEmptyAxes()
    {
        var png = TrendChart.Render([], ReportPeriod.WeekContaining(new DateOnly(2026, 3, 11)), Strings.English, 400, 300);

        Assert.Equal(400, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public void EmbeddedFont_HasEveryCharacterTheChartDraws(string culture)
    {
        var missing = TrendChart.Labels(March, Strings.For(culture))
            .SelectMany(label => label)
            .Distinct()
            .Where(c => !ChartFont.Typeface.ContainsGlyphs(c.ToString()))
            .ToList();

        Assert.True(missing.Count == 0, $"add to Reports/Fonts/ChartFont.otf: {string.Concat(missing)}");
    }
}
