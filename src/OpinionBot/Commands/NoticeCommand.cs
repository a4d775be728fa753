using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Reports;
using OpinionBot.Reports.Documents;

namespace OpinionBot.Commands;

/// <summary>
/// <c>/notice N 部门</c>: makes the 网络舆情抄告单 for the incident and sends it (Word and PDF, and a message) to the
/// department's chat and privately to its lead, each in that chat's language; the audit trail records it.
/// </summary>
public sealed class NoticeCommand(
    IncidentFinder finder,
    IncidentService incidents,
    PeopleDirectory people,
    ChatLanguages languages,
    DocumentIssuer issuer,
    Outbox outbox,
    TimeProvider time) : ICommandFamily
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("notice", t => t.NoticeDescription, t => t.NoticeUsage) { Required = Role.Officer, Menu = Role.Officer },
    ];

    public void Handle(CommandRequest request)
    {
        var words = request.Words;
        var byNumber = words.Count > 0 && IncidentFinder.LooksLikeNumber(words[0]);
        var incident = byNumber ? finder.ByNumber(words[0]) : finder.ByCard(request.Message);
        var name = request.After(byNumber ? 1 : 0);
        if (incident is null || name.Length == 0)
        {
            request.ReplyUsage(byNumber && incident is null ? request.Text.NoSuchIncident(CardRenderer.Html(words[0])) : null);
            return;
        }

        if (people.DepartmentOf(name) is not { } department)
        {
            request.ReplyUsage(request.Text.UnknownDepartment(CardRenderer.Html(name), CardRenderer.Html(string.Join("、", people.DepartmentNames()))));
            return;
        }

        var requester = people.NameOf(request.UserId);
        var result = incidents.RecordNotice(incident.Id, new Actor(request.UserId, requester, people.RoleFor(request.UserId, incident)), department.Name);
        if (!result.Succeeded)
        {
            request.Reply(CardRenderer.Html(request.Text.CommandForbidden(Role.Officer)));
            return;
        }

        var heading = issuer.Next("notice", requester);
        var now = time.GetUtcNow();
        var targets = new List<(long Chat, bool Private)>();
        if (department.Chat != 0)
        {
            targets.Add((department.Chat, false));
        }

        if (department.Lead != 0)
        {
            targets.Add((department.Lead, true));
        }

        // The Word and PDF files are made by the sender, outside this transaction; only their orders are stored here.
        var formats = issuer.CanPrintPdf ? new[] { "docx", "pdf" } : ["docx"];
        foreach (var (chat, isPrivate) in targets)
        {
            var text = languages.For(chat, isPrivate, null);
            outbox.Send(chat, CardRenderer.Html(text.NoticeMessage(incident.Number, department.Name, incident.Title)));
            foreach (var format in formats)
            {
                var order = new DocumentOrder
                {
                    Kind = DocumentKind.Notice,
                    Format = format,
                    Culture = text.Culture,
                    AsOf = now,
                    IncidentId = incident.Id,
                    Department = department.Name,
                    Heading = OrderedHeading.Of(heading),
                };
                outbox.SendMade(chat, OutboxKind.Document, text.NoticeFileName(incident.Number, format), order,
                    CardRenderer.Html(text.NoticeKind + " " + incident.Number));
            }
        }

        request.Reply(CardRenderer.Html(request.Text.NoticeSent(incident.Number, department.Name, department.Chat != 0, department.Lead != 0)));
    }
}
