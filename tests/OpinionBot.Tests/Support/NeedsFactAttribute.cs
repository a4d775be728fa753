using OpinionBot.Reports.Documents;
using Xunit;

namespace OpinionBot.Tests.Support;

/// <summary>
/// A fact that needs things a machine may lack (a program on the PATH, a CJK font, a browser): reported as skipped,
/// with what is missing and how to install it, when they are absent; never passed silently. <c>.ci/run</c> installs them.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NeedsFactAttribute : FactAttribute
{
    public const string CjkFont = "cjk-font";
    public const string Browser = "chromium";

    public NeedsFactAttribute(params string[] needs)
    {
        var missing = needs.Where(n => !Present(n)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"Missing {string.Join(", ", missing)}: apt-get install chromium fonts-noto-cjk poppler-utils";
        }
    }

    public static bool Present(string need) => need switch
    {
        CjkFont => DocumentFonts.Find() is not null,
        Browser => OpinionBot.Reports.Evidence.BrowserPath.Find(null) is not null,
        _ => OnPath(need),
    };

    public static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
