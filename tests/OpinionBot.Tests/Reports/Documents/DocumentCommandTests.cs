using DocumentFormat.OpenXml.Packaging;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Tests.Commands;
using OpinionBot.Tests.Support;
using Xunit;
using static OpinionBot.Tests.EndToEnd.BotHarness;

namespace OpinionBot.Tests.Reports.Documents;

/// <summary>/special in the official layout with its PDF and 期号, and /notice to a department, end to end.</summary>
public sealed class DocumentCommandTests : IAsyncLifetime
{
    private const long DepartmentChat = -1009;
    private const long DepartmentLead = 702;
    private CommandChat _chat = null!;

    public async Task InitializeAsync()
    {
        _chat = await CommandChat.StartAsync(settings =>
        {
            settings["Reports:Unit"] = "某某县网络舆情工作领导小组办公室";
            settings["Reports:Signer"] = "赵主任";
            settings["Departments:0:Name"] = "卫健局";
            settings["Departments:0:Chat"] = DepartmentChat.ToString();
            settings["Departments:0:Lead"] = DepartmentLead.ToString();
        });
        _chat.Bot.Database.Write(s => s.Counters.Set(EvidenceBackup.CursorKey, long.MaxValue));
    }

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Special_TwiceInAYear_NumbersTheIssuesAndSetsTheRedHeader()
    {
        var (incident, _) = await _chat.OpenAsync("医院投诉 专报版式", Grade.Major);

        await _chat.SayAsync(TeamChat, Officer, $"/special {incident.Number}");
        var first = await Docx(TeamChat, 1);
        await _chat.SayAsync(TeamChat, Officer, $"/special {incident.Number}");
        var second = await Docx(TeamChat, 2);

        var year = DateTime.UtcNow.AddHours(8).Year;
        Assert.Contains($"{year}年第1期", first);
        Assert.Contains($"{year}年第2期", second);
        Assert.Contains("某某县网络舆情工作领导小组办公室舆情专报", first);
        Assert.Contains("签发人：赵主任", first);
        Assert.Contains("五、处置措施", first);
        Assert.Contains(incident.Number, first);
    }

    [NeedsFact(NeedsFactAttribute.CjkFont, "pdftotext")]
    public async Task Special_WithAFont_AlsoSendsThePdf()
    {
        var (incident, _) = await _chat.OpenAsync("医院投诉 专报PDF", Grade.Major);

        await _chat.SayAsync(TeamChat, Officer, $"/special {incident.Number}");

        var pdf = await _chat.Api.WaitForMessageAsync(TeamChat, m => m.Kind == "document" && m.FileName!.EndsWith(".pdf", StringComparison.Ordinal), CommandChat.Patience);
        Assert.Equal($"舆情专报_{incident.Number}.pdf", pdf.FileName);
        var text = Poppler.Text(pdf.FileBytes!);
        Assert.Contains("医院投诉 专报PDF", text);
        Assert.Contains("七、附件", text);
    }

    [Fact]
    public async Task Notice_GoesToTheDepartmentChatAndLead_AndIntoTheTrail()
    {
        var (incident, _) = await _chat.OpenAsync("医院投诉 抄告测试");

        var reply = await _chat.SayAsync(TeamChat, Officer, $"/notice {CommandChat.AsTyped(incident)} 卫健局");

        Assert.Contains($"已向卫健局发出 {incident.Number} 抄告单（部门群、部门负责人）", reply.Text);
        foreach (var chat in new[] { DepartmentChat, DepartmentLead })
        {
            var message = await _chat.Api.WaitForMessageAsync(chat, m => m.Kind == "text" && m.Text!.Contains("网络舆情抄告单"), CommandChat.Patience);
            Assert.Contains(incident.Number, message.Text);
            var docx = await _chat.Api.WaitForMessageAsync(chat, m => m.Kind == "document" && m.FileName!.EndsWith(".docx", StringComparison.Ordinal), CommandChat.Patience);
            using var document = WordprocessingDocument.Open(new MemoryStream(docx.FileBytes!), false);
            var body = document.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("网络舆情抄告单", body);
            Assert.Contains("抄告单位：卫健局", body);
            Assert.Contains("谁主管、谁负责", body);
        }

        var stored = _chat.Reload(incident);
        var entry = Assert.Single(stored.Audit, a => a.Action == "notice");
        Assert.Equal(("卫健局", Officer), (entry.Department ?? entry.Comment, entry.ActorId));
        var history = await _chat.SayAsync(TeamChat, Officer, $"/history {incident.Number}");
        Assert.Contains("张三 向卫健局发出网络舆情抄告单", history.Text);

        Assert.Contains("没有名为“财政局”的部门", (await _chat.SayAsync(TeamChat, Officer, $"/notice {incident.Number} 财政局")).Text);
        Assert.Contains("用法：/notice", (await _chat.SayAsync(TeamChat, Officer, $"/notice {incident.Number}")).Text);
        Assert.Contains("只有监测员或分管领导", (await _chat.SayAsync(TeamChat, CommandChat.Member, $"/notice {incident.Number} 卫健局")).Text);
    }

    private async Task<string> Docx(long chat, int nth)
    {
        await _chat.Api.WaitUntilAsync(() => _chat.Api.Messages(chat).Count(m => m.Kind == "document" && m.FileName!.EndsWith(".docx", StringComparison.Ordinal)) >= nth,
            CommandChat.Patience);
        var docx = _chat.Api.Messages(chat).Where(m => m.Kind == "document" && m.FileName!.EndsWith(".docx", StringComparison.Ordinal)).ElementAt(nth - 1);
        using var document = WordprocessingDocument.Open(new MemoryStream(docx.FileBytes!), false);
        return document.MainDocumentPart!.Document.Body!.InnerText;
    }
}
