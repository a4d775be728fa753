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
    public void Build_MajorIncident_HasThePracticesSectionsFromNotesTrailAndEvidence()
    {
        var incident = Major();
        incident.Audit.Add(new AuditEntry { At = ReportFixtures.At("2026-03-02 10:30"), ActorId = 3, ActorName = "张三", Action = "report" });
        incident.Audit.Add(new AuditEntry { At = ReportFixtures.At("2026-03-02 11:00"), ActorId = 0, ActorName = "OpinionBot", Action = "appeared", Comment = "源3" });
        incident.Audit.Add(new AuditEntry { At = ReportFixtures.At("2026-03-02 11:10"), ActorId = 9, ActorName = "王主任", Action = "assign", Department = "卫健委" });
        incident.Notes.Add(new IncidentNote { At = Now.AddMinutes(-20), ActorName = "王五", Text = "措施：已联系发帖人说明情况" });

        var report = SpecialReport.Build(incident, [Evidence], Strings.Chinese, ReportFixtures.Zone, Now);

        Assert.Equal(["一、基本情况", "二、首发情况", "三、传播情况", "四、核实情况", "五、处置措施", "六、研判与建议", "七、附件"],
            report.Sections.Select(s => s.Heading));
        Assert.Equal("编号 2026-0001　报送时间 2026-03-02 12:00", report.Subtitle);
        var text = report.Sections.ToDictionary(s => s.Heading, s => string.Join("\n", s.Paragraphs));
        Assert.Contains("该医院去年曾有类似投诉", text["一、基本情况"]);
        Assert.Contains("首发时间：2026-03-02 08:10\n首发媒体：本地论坛\n链接：https://forum.example.invalid/t/1", text["二、首发情况"]);
        Assert.StartsWith("共在 2 个来源发现 2 处相关信息：\n2026-03-02 08:10 本地论坛", text["三、传播情况"]);
        Assert.Equal("收费标准经卫健委确认无误", text["四、核实情况"]);
        Assert.Equal("2026-03-02 10:30 由张三上报\n2026-03-02 11:10 交办卫健委\n已联系发帖人说明情况", text["五、处置措施"]);
        Assert.EndsWith("由医院发布情况说明", text["六、研判与建议"]);
        Assert.Equal("1. 证据 YL-2026-0001-01（2026-03-02 09:01 截取，HTTP 200）SHA-256：" + new string('a', 64) + "　", text["七、附件"]);
        Assert.DoesNotContain(report.Sections.SelectMany(s => s.Paragraphs), p => p.Contains("OpinionBot", StringComparison.Ordinal) || p.Contains("appeared", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_GeneralIncident_SaysWhatIsNotKnownYet()
    {
        var incident = ReportFixtures.March()[2];

        var report = SpecialReport.Build(incident, [], Strings.English, ReportFixtures.Zone, Now);

        Assert.Equal(7, report.Sections.Count);
        Assert.Equal(["Still being verified."], report.Sections[3].Paragraphs);
        Assert.Equal(["No measures taken yet."], report.Sections[4].Paragraphs);
        Assert.Equal(["No evidence saved yet."], report.Sections[6].Paragraphs);
    }

    [Fact]
    public void Docx_OpenedBack_IsValidAndInTheOfficialLayout()
    {
        var incident = Major();
        incident.Title = "某医院乱收费\u0001 <投诉>";
        var report = SpecialReport.Build(incident, [Evidence], Strings.Chinese, ReportFixtures.Zone, Now);
        var heading = new OpinionBot.Reports.Documents.DocumentHeading("某某县网络舆情工作领导小组办公室", 2026, 3, "赵主任", "内部", new DateOnly(2026, 3, 2));

        using var document = WordprocessingDocument.Open(new MemoryStream(report.Docx(heading, Strings.Chinese)), false);

        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ToList();
        Assert.Equal(["密级：内部", "某某县网络舆情工作领导小组办公室", "舆情专报", "2026年第3期", "报送单位：某某县网络舆情工作领导小组办公室签发人：赵主任", "某医院乱收费 <投诉>"],
            paragraphs.Take(6).Select(p => p.InnerText));
        Assert.Equal("FF0000", paragraphs[2].Descendants<Color>().Single().Val!.Value); // 红头
        Assert.Equal("FF0000", paragraphs[4].Descendants<BottomBorder>().Single().Color!.Value); // the red rule
        Assert.Contains("七、附件", paragraphs.Select(p => p.InnerText));
        Assert.Equal("2026年3月2日", paragraphs[^1].InnerText);
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
