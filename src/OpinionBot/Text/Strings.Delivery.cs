namespace OpinionBot.Text;

/// <summary>Texts of the digest card a flooded chat gets instead of one card per new incident.</summary>
public sealed partial class Strings
{
    public string DigestHeading(int count) => Pick($"🗂 <b>舆情汇总</b> · 新增 {count} 条", $"🗂 <b>Digest</b> · {count} new incidents");

    public string DigestWhy => Pick(
        "短时间内新增过多，合并为一张汇总卡；重大和负面舆情仍单独推送。",
        "Too many at once for a card each; major and negative ones still get their own card.");

    public string DigestTopicsLabel => Pick("专题", "Topics");

    public string DigestMoreTopics(int count) => Pick($"等 {count} 个", $"+{count} more");

    public string DigestPage(int page, int pages) => Pick(
        $"第 {page}/{pages} 页 · 点按编号打开完整卡片处理",
        $"Page {page}/{pages} · tap a number to open its full card");

    public string CardComing(string number) => Pick($"正在发送 {number} 的完整卡片", $"Sending the full card of {number}");

    public string CardAlreadyComing(string number) => Pick($"{number} 的卡片已在发送中", $"The card of {number} is on its way");
}
