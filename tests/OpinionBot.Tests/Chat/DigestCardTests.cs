using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Chat;

public sealed class DigestCardTests
{
    [Fact]
    public void Digest_CountsByGradeAndTopic_ListsTheMostSeriousFirst_InBothLanguages()
    {
        var incidents = DigestCard.Order(Enumerable.Range(1, 20).Select(i => Incident(i, i == 17 ? Grade.Larger : Grade.General, i % 2 == 0 ? "医院投诉" : "拖欠工资")));
        var digest = new DigestRecord { Id = 7, IncidentIds = incidents.Select(i => i.Id).ToList() };

        var (zh, buttons) = DigestCard.Render(digest, incidents, Strings.Chinese, page: 0);
        Assert.StartsWith("🗂 <b>舆情汇总</b> · 新增 20 条\n短时间内新增过多", zh); // new incidents only: headed as before
        Assert.DoesNotContain("升级", zh);
        Assert.DoesNotContain(DigestCard.Escalated, zh);
        Assert.Contains("等级：较大 1 · 一般 19", zh);
        Assert.Contains("专题：医院投诉 10 · 拖欠工资 10", zh);
        Assert.Contains("1. <b>2026-0017</b> 较大", zh); // the most serious leads
        Assert.Contains("第 1/3 页", zh);
        Assert.Equal(DigestCard.PageSize + 1, buttons.Count); // one per incident, then paging
        Assert.Equal(DigestCard.OpenData(7, 17), buttons[0][0].Data);
        Assert.Equal([DigestCard.PageData(7, 1)], buttons[^1].Select(b => b.Data));

        var (en, lastPage) = DigestCard.Render(digest, incidents, Strings.English, page: 99);
        Assert.StartsWith("🗂 <b>Digest</b> · 20 new incidents\n", en);
        Assert.DoesNotContain("escalated", en);
        Assert.Contains("Grade: Larger 1 · General 19", en);
        Assert.Contains("Page 3/3", en);
        Assert.Equal(4 + 1, lastPage.Count);
        Assert.Equal([DigestCard.PageData(7, 1)], lastPage[^1].Select(b => b.Data));
    }

    [Fact]
    public void DigestOfEscalatedCardsOnly_SaysTheyWereEscalatedAsOverdue_NotNew()
    {
        var incidents = DigestCard.Order(Enumerable.Range(1, 20).Select(i => Incident(i, Grade.General, "医院投诉")));
        var digest = new DigestRecord { Id = 7, IncidentIds = incidents.Select(i => i.Id).ToList(), EscalatedIds = incidents.Select(i => i.Id).ToList() };

        var (zh, _) = DigestCard.Render(digest, incidents, Strings.Chinese, page: 0);
        Assert.StartsWith("🗂 <b>舆情汇总</b> · ⬆️ 逾期升级 20 条\n以下事件逾期未认领或未上报，已自动升级", zh);
        Assert.DoesNotContain("新增", zh);
        Assert.Contains("1. <b>2026-0001</b>", zh); // all of one kind: no mark per line

        var (en, _) = DigestCard.Render(digest, incidents, Strings.English, page: 1);
        Assert.StartsWith("🗂 <b>Digest</b> · ⬆️ 20 overdue incidents escalated\nNot claimed or reported in time", en);
        Assert.DoesNotContain(" new", en);
    }

    [Fact]
    public void MixedDigest_CountsNewAndEscalatedApart_AndMarksTheEscalatedOnes_OnEveryPage()
    {
        var incidents = DigestCard.Order(Enumerable.Range(1, 20).Select(i => Incident(i, Grade.General, "医院投诉")));
        var escalated = incidents.Where(i => i.Id % 4 == 0).Select(i => i.Id).ToList(); // 4, 8, 12, 16, 20
        var digest = new DigestRecord { Id = 7, IncidentIds = incidents.Select(i => i.Id).ToList(), EscalatedIds = escalated };

        foreach (var page in new[] { 0, 1 })
        {
            var (zh, _) = DigestCard.Render(digest, incidents, Strings.Chinese, page);
            Assert.StartsWith("🗂 <b>舆情汇总</b> · 新增 15 条 · ⬆️ 逾期升级 5 条\n", zh);
            Assert.Contains("⬆️ 为逾期未认领或未上报而自动升级的事件", zh);
        }

        var (first, _) = DigestCard.Render(digest, incidents, Strings.Chinese, page: 0);
        Assert.Contains("3. <b>2026-0003</b>", first);
        Assert.Contains("4. ⬆️ <b>2026-0004</b>", first);
        Assert.Contains("8. ⬆️ <b>2026-0008</b>", first);
        Assert.Equal(2, first.Split("⬆️ <b>").Length - 1); // only the escalated ones of the page are marked

        var (en, _) = DigestCard.Render(digest, incidents, Strings.English, page: 0);
        Assert.StartsWith("🗂 <b>Digest</b> · 15 new · ⬆️ 5 escalated as overdue\n", en);
        Assert.Contains("4. ⬆️ <b>2026-0004</b>", en);
    }

    [Fact]
    public void HostileTitlesAndLinks_StayUnderTelegramsLimit_AndEscaped()
    {
        var incidents = Enumerable.Range(1, 8).Select(i =>
        {
            var incident = Incident(i, Grade.General, new string('题', 500));
            incident.Title = "<script>" + new string('长', 5000);
            incident.Url = "http://127.0.0.1/" + new string('a', 5000);
            return incident;
        }).ToList();
        var (html, buttons) = DigestCard.Render(new DigestRecord { Id = long.MaxValue }, incidents, Strings.Chinese, 0);

        Assert.True(html.Length < 4096, $"{html.Length} characters");
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<a href", html); // links that long are shown unlinked
        Assert.All(buttons.SelectMany(r => r), b => Assert.True(System.Text.Encoding.UTF8.GetByteCount(b.Data) <= 64));
    }

    private static Incident Incident(int id, Grade grade, string topic) => new()
    {
        Id = id,
        Number = $"2026-{id:0000}",
        Title = $"第{id}号",
        Url = $"http://127.0.0.1/news/{id}",
        SourceName = "县新闻",
        Grade = grade,
        Topics = [topic],
    };
}
