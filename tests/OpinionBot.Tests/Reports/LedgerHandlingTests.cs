using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Tests.Incidents;
using OpinionBot.Tests.Support;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Reports;

/// <summary>The ledger columns that follow an incident's handling: who handled it, measures, remarks, reach, deadlines.</summary>
public sealed class LedgerHandlingTests
{
    private static readonly Actor Officer = new(1, "张三", Role.Officer);
    private static readonly Actor Liaison = new(7, "卫健局联络员", Role.Member);
    private static readonly Actor Supervisor = new(9, "王主任", Role.Supervisor);

    private static string Name(long id) => id switch { 1 => "张三", 7 => "卫健局联络员", 9 => "王主任", _ => $"#{id}" };

    private static LedgerRow Row(IncidentTestBed bed, Incident incident, Strings? text = null)
    {
        var exporter = new LedgerExporter(text ?? Strings.Chinese, IncidentTestBed.Zone, bed.Deadlines);
        var day = DateOnly.FromDateTime(incident.Discovered.UtcDateTime.AddHours(8));
        return Assert.Single(exporter.Rows([bed.Reload(incident)], day, day, bed.Time.GetUtcNow(), Name));
    }

    [Fact]
    public void SentBackThenResolved_AssigneeIsWhoeverResolvedIt()
    {
        using var bed = new IncidentTestBed();
        var incident = bed.Open(department: "卫健局");
        bed.Service.Apply(incident.Id, IncidentAction.Claim, Officer);
        bed.Service.Apply(incident.Id, IncidentAction.Report, Officer);
        bed.Service.Apply(incident.Id, IncidentAction.Assign, Officer, assigneeId: 7);
        bed.Service.Apply(incident.Id, IncidentAction.SendBack, Liaison, comment: "不属于本部门职责");

        Assert.True(bed.Service.Apply(incident.Id, IncidentAction.Resolve, Supervisor, outcome: HandlingOutcome.Explanation).Succeeded);

        var row = Row(bed, incident);
        Assert.Equal("王主任", row.Assignee);
        Assert.Contains("退回 1 次", row.Remarks);
    }

    [Fact]
    public void StoredBeforeTheFix_AssigneeComesFromTheTrail()
    {
        using var bed = new IncidentTestBed();
        var incident = bed.Open();
        bed.Service.Apply(incident.Id, IncidentAction.Claim, Officer);
        bed.Service.Apply(incident.Id, IncidentAction.Resolve, Supervisor);
        // What a database written before resolving kept the handler looks like: nobody assigned.
        bed.Database.Write(_ =>
        {
            var stored = bed.Reload(incident);
            stored.AssigneeId = null;
            bed.Database.Write(s => s.Incidents.Save(stored));
        });

        Assert.Equal("王主任", Row(bed, incident).Assignee);
    }

    [Fact]
    public void MeasuresAndRemarks_AreWordsFromTheOutcomeNotesAndTrail()
    {
        using var bed = new IncidentTestBed();
        var incident = bed.Open(negative: true, department: "卫健局");
        bed.Service.Apply(incident.Id, IncidentAction.Claim, Officer);
        bed.Service.Note(incident.Id, Officer, "措施：已联系发帖人说明情况");
        bed.Service.Note(incident.Id, Officer, "核实：投诉属实");
        bed.Service.Apply(incident.Id, IncidentAction.Escalate, Officer, comment: "影响扩大");
        bed.Service.Apply(incident.Id, IncidentAction.Resolve, Officer, outcome: HandlingOutcome.Clarified);

        foreach (var text in new[] { Strings.Chinese, Strings.English })
        {
            var row = Row(bed, incident, text);
            Assert.Equal(1, row.Sequence);
            Assert.Equal("医院投诉", row.Topics);
            Assert.Equal((1, 0), (row.Sources, row.Reposts));
            if (text.IsChinese)
            {
                Assert.Equal("澄清回应；已联系发帖人说明情况", row.Measures);
                Assert.Equal("已升级至部门负责人；投诉属实", row.Remarks);
                Assert.DoesNotContain(row.Measures + row.Remarks, char.IsAsciiLetter);
            }
            else
            {
                Assert.StartsWith("Clarified; ", row.Measures);
                Assert.StartsWith("escalated to the department lead", row.Remarks);
            }
        }
    }

    [Fact]
    public void DeadlineCells_ShowTheDeadlineAndHowFarOff()
    {
        using var bed = new IncidentTestBed(); // clock at 10:00 Beijing
        var incident = bed.Open(grade: Grade.Larger, negative: true);
        bed.Time.Advance(TimeSpan.FromMinutes(75));
        bed.Service.Apply(incident.Id, IncidentAction.Claim, Officer);

        var pending = Row(bed, incident);
        Assert.Equal("2026-05-20 11:00（超时15 分钟）", pending.ClaimDeadline);
        Assert.Equal("2026-05-20 13:00（未到期）", pending.ReportDeadline);

        bed.Time.Advance(TimeSpan.FromMinutes(20));
        bed.Service.Apply(incident.Id, IncidentAction.Report, Officer);
        Assert.Equal("2026-05-20 13:00（按时，提前1 小时 25 分钟）", Row(bed, incident).ReportDeadline);
        Assert.Equal("2026-05-20 13:00 (met, 1 h 25 min early)", Row(bed, incident, Strings.English).ReportDeadline);
    }
}
