namespace OpinionBot.Text;

/// <summary>
/// Every user-facing text, Chinese first and English second, side by side so a translator sees both.
/// Features add their own partial file in this folder (<c>Strings.{Feature}.cs</c>).
/// </summary>
public sealed partial class Strings
{
    public static readonly Strings Chinese = new(zh: true);
    public static readonly Strings English = new(zh: false);

    private readonly bool _zh;

    private Strings(bool zh) => _zh = zh;

    public bool IsChinese => _zh;

    public string Culture => _zh ? "zh-CN" : "en";

    /// <summary><c>en</c>, <c>en-US</c> … give English; anything else gives Chinese.</summary>
    public static Strings For(string? culture) =>
        culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    private string Pick(string zh, string en) => _zh ? zh : en;
}
