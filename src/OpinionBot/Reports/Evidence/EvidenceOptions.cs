namespace OpinionBot.Reports.Evidence;

/// <summary>The <c>Evidence</c> section: the headless browser that screenshots and prints pages, and its caps.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>False keeps evidence to the raw page and its text, without a browser.</summary>
    public bool Browser { get; set; } = true;

    /// <summary>The Chromium executable; empty looks in the usual places (Debian's <c>/usr/bin/chromium</c>). Never downloaded.</summary>
    public string BrowserPath { get; set; } = "";

    /// <summary>
    /// The CPU priority (nice value, 0–19) the browser and every process it starts run at: evidence is background work, so
    /// on a busy machine the checks and cards go first. 0 keeps the worker's own priority. Linux and other Unix systems
    /// with <c>nice</c>; elsewhere ignored.
    /// </summary>
    public int BrowserNice { get; set; } = 10;

    /// <summary>How long one page may take to load, render and be captured.</summary>
    public TimeSpan PageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Pages captured at once by the background evidence pass (a burst of new incidents is backed up this many at a time;
    /// the browser's own cap, <see cref="MaxPages"/>, still holds).
    /// </summary>
    public int Parallel { get; set; } = 4;

    /// <summary>Pages open at once in the browser (captures and browser-read sources together).</summary>
    public int MaxPages { get; set; } = 2;

    /// <summary>The viewport width, and the tallest full-page screenshot taken (longer pages are cut there).</summary>
    public int ViewportWidth { get; set; } = 1280;
    public int MaxScreenshotHeight { get; set; } = 12_000;
}
