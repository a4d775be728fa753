namespace OpinionBot.Reports.Evidence;

/// <summary>Where the installed Chromium is: the configured path, else Debian's and other usual places. Never downloads one.</summary>
public static class BrowserPath
{
    private static readonly string[] Known =
    [
        "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium",
        "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
    ];

    public static string? Find(string? configured) =>
        !string.IsNullOrWhiteSpace(configured) ? (File.Exists(configured) ? configured : null) : Known.FirstOrDefault(File.Exists);
}
