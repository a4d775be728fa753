using Microsoft.Extensions.Options;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Reports;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>
/// 报送: what 上报 sends upward, so the reporting happens in the bot rather than beside it. The report holds what the
/// practice asks for (基本情况, 首发时间, 首发媒体, 链接, 传播情况, 核实情况 and background from the notes; for 重大 also
/// trend, measures and suggestions) and goes to <c>Chats:ReportTo</c>, else the leadership group. A reported 重大
/// incident keeps reporting: each later note goes there as a 续报.
/// </summary>
public sealed class ReportSubmission(
    Outbox outbox,
    ChatLanguages languages,
    PeopleDirectory people,
    IOptionsMonitor<ChatsOptions> chats,
    TimeZoneInfo zone)
{
    /// <summary>Where reports go: ReportTo, else leadership, else supervisors, else the team.</summary>
    public long Chat
    {
        get
        {
            var configured = chats.CurrentValue;
            return new[] { configured.ReportTo, configured.Leadership, configured.Supervisors, configured.Team }.FirstOrDefault(c => c != 0);
        }
    }

    /// <summary>Queues the report, threaded under the incident's card when that chat shows it. Call inside the write.</summary>
    public void Submit(Incident incident, AuditEntry entry)
    {
        var chat = Chat;
        if (chat == 0)
        {
            return;
        }

        var text = languages.For(chat);
        var report = SpecialReport.Build(incident, [], text, zone, entry.At) with
        {
            Title = text.SubmissionTitle(incident.Number),
            Subtitle = text.SubmissionBy(people.NameOf(entry.ActorId), ZonedTime.Format(entry.At, zone)),
        };
        foreach (var part in TelegramText.Split(report.Html()))
        {
            outbox.Notify(chat, part, incident.Id);
        }
    }

    /// <summary>A 续报 for a reported 重大 incident: the new note, as it was written.</summary>
    public void Progress(Incident incident, IncidentNote note)
    {
        var chat = Chat;
        if (chat == 0)
        {
            return;
        }

        var text = languages.For(chat);
        outbox.Notify(chat, text.ProgressSubmission(incident.Number, CardRenderer.Html(note.Text), CardRenderer.Html(note.ActorName)), incident.Id);
    }

    /// <summary>Whether a note on this incident is a progress report to pass on (重大, already reported, still open).</summary>
    public static bool IsProgress(Incident incident) =>
        incident.Grade == Grade.Major && incident.ReportedAt is not null && Lifecycle.IsOpen(incident.Status);
}
