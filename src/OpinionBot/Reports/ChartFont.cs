using ScottPlot;
using SkiaSharp;

namespace OpinionBot.Reports;

/// <summary>
/// The chart's typeface, embedded in the assembly, so charts render the same headless with no system fonts at all.
/// A subset of Noto Sans CJK SC (SIL OFL 1.1) holding ASCII and the Chinese characters the chart draws.
/// </summary>
public static class ChartFont
{
    public const string Name = "OpinionBot Chart Sans";
    private const string Resource = "OpinionBot.Reports.ChartFont.otf";

    private static readonly Lazy<SKTypeface> Embedded = new(() =>
    {
        using var stream = typeof(ChartFont).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded chart font {Resource} is missing from the build.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("The embedded chart font cannot be read.");
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<bool> Registered = new(() =>
    {
        Fonts.FontResolvers.Add(new Resolver());
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static SKTypeface Typeface => Embedded.Value;

    /// <summary>Makes <see cref="Name"/> resolvable by ScottPlot; safe to call many times.</summary>
    public static void Register() => _ = Registered.Value;

    private sealed class Resolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Name ? Embedded.Value : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            fontName == Name ? Embedded.Value : null;
    }
}
