using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using Xunit;
using static OpinionBot.Tests.EndToEnd.BotHarness;

namespace OpinionBot.Tests.Commands;

/// <summary>/ledger, /report daily|weekly|monthly, /special and /evidence end to end through the fake Bot API.</summary>
public sealed class RecordCommandTests : IAsyncLifetime
{
    private CommandChat _chat = null!;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)); // Asia/Shanghai

    public async Task InitializeAsync()
    {
        _chat = await CommandChat.StartAsync();
        // Only the evidence a test saves itself: the background backup would capture opened incidents too.
        _chat.Bot.Database.Write(s => s.Counters.Set(EvidenceBackup.CursorKey, long.MaxValue));
    }

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Ledger_XlsxAndCsv_ArriveWithTheIncidentRowEvidenceAndBom()
    {
        var (incident, _) = await _chat.OpenAsync("医院投诉 台账测试");
        var record = Save(incident, "<html>页面</html>");
        var range = $"{Today.AddDays(-1):yyyy-MM-dd} {Today.AddDays(1):yyyy-MM-dd}";

        _chat.Type(TeamChat, Officer, $"/ledger {range}");
        var xlsx = await Document(m => m.FileName!.EndsWith(".xlsx", StringComparison.Ordinal));
        Assert.StartsWith("舆情台账_", xlsx.FileName);
        using (var document = SpreadsheetDocument.Open(new MemoryStream(xlsx.FileBytes!), false))
        {
            var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>()
                .Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
            Assert.Equal(["序号", "编号", "主题", "专题", "网址"], rows[0].Take(5));
            var row = Assert.Single(rows, r => r[1] == incident.Number);
            Assert.Contains("医院投诉 台账测试", row);
            Assert.Contains(record.Id, row);
        }

        _chat.Type(TeamChat, Officer, "/ledger csv");
        var csv = await Document(m => m.FileName!.EndsWith(".csv", StringComparison.Ordinal));
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv.FileBytes![..3]);
        Assert.Contains(incident.Number, Encoding.UTF8.GetString(csv.FileBytes));

        Assert.Contains("用法：/ledger", (await _chat.SayAsync(TeamChat, Officer, "/ledger 2026-13-01")).Text);
        Assert.Contains("先后顺序", (await _chat.SayAsync(TeamChat, Officer, "/ledger 2026-11-10 2026-11-01")).Text);
        Assert.Contains("Usage: /ledger", (await _chat.SayAsync(Officer, Officer, "/ledger someday", languageCode: "en")).Text);
        Assert.Contains("只有监测员或分管领导", (await _chat.SayAsync(TeamChat, CommandChat.Member, "/ledger")).Text);
        Assert.Contains("不在舆情工作名单", (await _chat.SayAsync(TeamChat, Stranger, "/ledger")).Text);
        var help = (await _chat.SayAsync(TeamChat, Officer, "/help")).Text;
        Assert.Contains("/ledger", help);
        Assert.Contains("/evidence", help);
    }

    [Fact]
    public async Task Report_WeeklyAndDaily_OnDemandToTheAskingChat_WithChart()
    {
        await _chat.OpenAsync("医院投诉 周报测试", Grade.Major);

        Assert.Contains("已生成：舆情周报", (await _chat.SayAsync(TeamChat, Supervisor, "/report weekly")).Text);
        var weekly = await _chat.Api.WaitForMessageAsync(TeamChat,
            m => m.Kind == "text" && m.ReplyToMessageId is null && m.Text!.Contains("按等级", StringComparison.Ordinal), CommandChat.Patience);
        Assert.Contains("舆情周报", weekly.Text);
        Assert.InRange(weekly.Text!.Length, 1, 4096);
        var photo = await _chat.Api.WaitForMessageAsync(TeamChat, m => m.Kind == "photo", CommandChat.Patience);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], photo.FileBytes![..4]);

        Assert.Contains("已生成：舆情日报", (await _chat.SayAsync(TeamChat, Officer, $"/report 日报 {Today:MM-dd}")).Text);
        Assert.Contains("已生成：舆情月报", (await _chat.SayAsync(TeamChat, Officer, "/report 月报")).Text);
        Assert.Contains("日期无法识别", (await _chat.SayAsync(TeamChat, Officer, "/report weekly 13-45")).Text);
        Assert.Contains("只有监测员或分管领导", (await _chat.SayAsync(TeamChat, CommandChat.Member, "/report weekly")).Text);
        Assert.Contains("不在舆情工作名单", (await _chat.SayAsync(TeamChat, Stranger, "/report weekly")).Text);
    }

    [Fact]
    public async Task Special_SendsTheTextAndADocxWithTheNumber()
    {
        var (incident, _) = await _chat.OpenAsync("医院投诉 专报测试", Grade.Major);

        var text = await _chat.SayAsync(TeamChat, Officer, $"/special {CommandChat.AsTyped(incident)}");
        Assert.Contains("舆情专报", text.Text);
        Assert.Contains(incident.Number, text.Text);
        var docx = await Document(m => m.FileName!.EndsWith(".docx", StringComparison.Ordinal));
        using (var document = WordprocessingDocument.Open(new MemoryStream(docx.FileBytes!), false))
        {
            Assert.Contains(incident.Number, document.MainDocumentPart!.Document.Body!.InnerText);
            Assert.Contains("医院投诉 专报测试", document.MainDocumentPart.Document.Body.InnerText);
        }

        Assert.Contains("找不到舆情 9999", (await _chat.SayAsync(TeamChat, Officer, "/special 9999")).Text);
        Assert.Contains("用法：/special", (await _chat.SayAsync(TeamChat, Officer, "/special")).Text);
        Assert.Contains("只有监测员或分管领导", (await _chat.SayAsync(TeamChat, CommandChat.Member, $"/special {incident.Number}")).Text);
    }

    [Fact]
    public async Task Evidence_SendsEachEntryVerified_SaysWhenAHashNoLongerMatches()
    {
        var (incident, _) = await _chat.OpenAsync("医院投诉 证据测试");
        var n = CommandChat.AsTyped(incident);
        Assert.Contains("暂无证据备份", (await _chat.SayAsync(TeamChat, Officer, $"/evidence {n}")).Text);

        var first = Save(incident, "<html>第一次</html>");
        var second = Save(incident, "<html>第二次</html>");
        Assert.Contains("共 2 份证据备份", (await _chat.SayAsync(TeamChat, Officer, $"/evidence {n}")).Text);
        await _chat.Api.WaitUntilAsync(() => _chat.Api.Messages(TeamChat).Count(m => m.Kind == "document") == 4, CommandChat.Patience);
        var documents = _chat.Api.Messages(TeamChat).Where(m => m.Kind == "document").ToList();
        Assert.Equal([first.Id + ".html", first.Id + ".txt", second.Id + ".html", second.Id + ".txt"], documents.Select(d => d.FileName));
        foreach (var (document, sha) in documents.Zip(new[] { first.Sha256, first.TextSha256, second.Sha256, second.TextSha256 }))
        {
            Assert.Equal(sha, EvidenceStore.Hash(document.FileBytes!));
            Assert.Contains(sha, document.Text);
            Assert.Contains("校验一致", document.Text);
        }

        // Someone edits the stored page behind the bot's back: it still sends it, and says so.
        _chat.Bot.Database.Write(s => s.Files.Upload(first.RawFileId, first.Id + ".html", "<html>改过</html>"u8));
        await _chat.SayAsync(TeamChat, Officer, $"/evidence {n}");
        var tampered = await _chat.Api.WaitForMessageAsync(TeamChat, m => m.Kind == "document" && m.Text!.Contains("校验不一致", StringComparison.Ordinal), CommandChat.Patience);
        Assert.Equal(first.Id + ".html", tampered.FileName);
        Assert.Contains("用法：/evidence", (await _chat.SayAsync(TeamChat, Officer, "/evidence 1 2")).Text);
    }

    private EvidenceRecord Save(Incident incident, string html) =>
        _chat.Bot.Services.GetRequiredService<EvidenceStore>().Save(incident, new EvidenceCapture(
            incident.Url, Encoding.UTF8.GetBytes(html), html.Replace("<html>", "", StringComparison.Ordinal).Replace("</html>", "", StringComparison.Ordinal),
            200, "text/html; charset=utf-8"));

    private Task<Support.FakeMessage> Document(Func<Support.FakeMessage, bool> match) =>
        _chat.Api.WaitForMessageAsync(TeamChat, m => m.Kind == "document" && match(m), CommandChat.Patience);
}
