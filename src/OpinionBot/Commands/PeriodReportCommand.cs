using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Reports;

namespace OpinionBot.Commands;

/// <summary>
/// <c>/report daily|weekly|monthly [date]</c> (also 日报/周报/月报): a report on demand, to the chat that asks, for officers
/// and supervisors. It shares the name <c>/report</c> with marking an incident reported (<c>/report N</c>), so
/// <see cref="IncidentActionCommands"/> hands it the requests whose first word is a report kind.
/// </summary>
public sealed class PeriodReportCommand(ReportDispatch dispatch, PeopleDirectory people, IOptionsMonitor<ReportsOptions> reports, TimeProvider time)
{
    private static readonly Dictionary<string, ReportKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["daily"] = ReportKind.Daily,
        ["日报"] = ReportKind.Daily,
        ["weekly"] = ReportKind.Weekly,
        ["周报"] = ReportKind.Weekly,
        ["monthly"] = ReportKind.Monthly,
        ["月报"] = ReportKind.Monthly,
    };

    public static bool IsReportKind(string word) => Kinds.ContainsKey(word);

    /// <summary>Handles <c>/report kind [date]</c>; false when the first word is not a report kind.</summary>
    public bool TryHandle(CommandRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Words.Count == 0 || !Kinds.TryGetValue(request.Words[0], out var kind))
        {
            return false;
        }

        var text = request.Text;
        if (people.RoleFor(request.UserId) < Role.Officer)
        {
            request.Reply(text.CommandForbidden(Role.Officer));
            return true;
        }

        var today = ZonedTime.LocalDate(time.GetUtcNow(), reports.CurrentValue.ResolveZone());
        var day = today;
        if (request.Words.Count > 2 || (request.Words.Count == 2 && !CommandDates.TryParse(request.Words[1], today.Year, out day)))
        {
            request.Reply(text.BadDates(TypedText.Echo(request.After(1))) + "\n" + text.UsageLine(CardRenderer.Html(text.PeriodReportUsage)));
            return true;
        }

        var report = dispatch.Send(kind, day, request.ChatId);
        request.Reply(text.ReportProduced(TelegramText.Escape(report.Title)));
        return true;
    }
}
