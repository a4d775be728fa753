using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Reports;

public sealed class SpecialReportTests
{
    private static readonly DateTimeOffset Now = ReportFixtures.At("2026-03-02 12:00");

    private static Incident Major()
    {
        var incident = ReportFixtures.March()[0];
        incident.GradeReason = "负面 + 2 个来源 1 小时内";
        incident.Notes =
        [
            new IncidentNote { At = Now.AddHours(-2), ActorName = "李四", Text = "核实：收费标准经卫健委确认无误" },
            new IncidentNote { At = Now.AddHours(-1), ActorName = "李四", Text = "该医院去年曾有类似投诉" },
            new IncidentNote { At = Now.AddMinutes(-30), ActorName = "王五", Text = "建议：由医院发布情况说明" },
        ];
        incident.Audit = [new AuditEntry { At = ReportFixtures.At("2026-03-02 09:30"), ActorName = "张三", Action = "claim" }];
        return incident;
    }

    private static readonly EvidenceRecord Evidence = new()
    {
        Id = "YL-2026-0001-01",
        CapturedAt = ReportFixtures.At("2026-03-02 09:01"),
        HttpStatus = 200,
        Sha256 = new string('a', 64),
    };

    [Fact]
    public void Build_MajorIncident_HasAllSectionsFromNotesAndEvidence()
    {
        var report = SpecialReport.Build(Major(), [Evidence], Strings.Chinese, ReportFixtures.Zone, Now);

        Assert.Equal(["一、基本情况", "二、首发情况", "三、传播情况", "四、核实情况", "五、背景及佐证材料", "六、趋势研判", "七、已采取措施", "八、工作建议"],
            report.Sections.Select(s => s.Heading));
        Assert.Equal("编号 2026-0001　报送时间 2026-03-02 12:00", report.Subtitle);
        var text = report.Sections.ToDictionary(s => s.Heading, s => string.Join("\n", s.Paragraphs));
        Assert.Contains("发布时间：2026-03-02 08:10\n首发媒体：本地论坛\n链接：https://forum.example.invalid/t/1", text["二、首发情况"]);
        Assert.StartsWith("共在 2 个来源发现 2 处相关信息：\n2026-03-02 08:10 本地论坛", text["三、传播情况"]);
        Assert.Equal("收费标准经卫健委确认无误", text["四、核实情况"]);
        Assert.Equal("该医院去年曾有类似投诉\n证据 YL-2026-0001-01：2026-03-02 09:01 截取，HTTP 200，SHA-256 " + new string('a', 64), text["五、背景及佐证材料"]);
        Assert.Contains("2026-03-02 09:30 张三 认领", text["七、已采取措施"]);
        Assert.Equal("由医院发布情况说明", text["八、工作建议"]);
    }

    [Fact]
    public void Build_GeneralIncident_StopsAfterBackground()
    {
        var incident = ReportFixtures.March()[2];

        var report = SpecialReport.Build(incident, [], Strings.English, ReportFixtures.Zone, Now);

        Assert.Equal(5, report.Sections.Count);
        Assert.Equal(["Still being verified."], report.Sections[3].Paragraphs);
        Assert.Equal(["None yet."], report.Sections[4].Paragraphs);
    }

    [Fact]
    public void Docx_OpenedBack_IsValidAndHoldsTheText()
    {
        var incident = Major();
        incident.Title = "某医院乱收费\u0001 <投诉>";
        var report = SpecialReport.Build(incident, [Evidence], Strings.Chinese, ReportFixtures.Zone, Now);

        using var document = WordprocessingDocument.Open(new MemoryStream(report.Docx()), false);

        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal("舆情专报", paragraphs[0]);
        Assert.Contains("某医院乱收费 <投诉>", paragraphs);
        Assert.Contains("八、工作建议", paragraphs);
        Assert.Contains("由医院发布情况说明", paragraphs);
    }

    [Fact]
    public void Html_EscapesAndFitsTelegram()
    {
        var incident = Major();
        incident.Title = "<b>假</b> & 真";

        var html = SpecialReport.Build(incident, [Evidence], Strings.Chinese, ReportFixtures.Zone, Now).Html();

        Assert.StartsWith("<b>舆情专报</b>\n编号 2026-0001", html);
        Assert.Contains("&lt;b&gt;假&lt;/b&gt; &amp; 真", html);
        Assert.Single(TelegramText.Split(html));
    }

    [Theory]
    [InlineData("核实：属实", NoteTopic.Truth, "属实")]
    [InlineData("Trend: rising", NoteTopic.Trend, "rising")]
    [InlineData("建议:发布通稿", NoteTopic.Suggestions, "发布通稿")]
    [InlineData("措施：已联系平台删帖", NoteTopic.Measures, "已联系平台删帖")]
    [InlineData("核实中，暂无结论", NoteTopic.Background, "核实中，暂无结论")]
    public void Classify_NotePrefix_PicksTheSection(string note, NoteTopic topic, string text) =>
        Assert.Equal((topic, text), NoteTopics.Classify(note));
}
