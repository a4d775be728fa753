using System.Reflection;
using System.Text.RegularExpressions;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Reports.Documents;
using OpinionBot.Tests.Reports;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Reports.Documents;

/// <summary>
/// No English in Chinese documents and messages, no Chinese in English ones: every text the bot can say (each member of
/// <see cref="Strings"/>, called with sample values) and every document built from an incident (special report,
/// contact sheet, ledger, history, measures), in both languages. Data (names, titles, links) is kept out of the samples
/// so what is checked is the bot's own words.
/// </summary>
public sealed partial class OneLanguageTests
{
    // Latin a Chinese text may carry: technical names with no Chinese word in use, and commands with their keywords.
    private static readonly HashSet<string> LatinAllowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "HTTP", "SHA", "PDF", "Word", "Excel", "CSV", "PNG", "URL", "ID", "Telegram", "chromium", "fonts", "noto", "cjk", "apt",
        "get", "install", "Reports", "FontFile", "OK", "AND", "OR", "NOT", "Bot", "API", "UTC", "GMT", "RSS", "Atom", "JSON", "HTML",
        "CSS", "IANA", "cron", "chat_id", "id", "KB", "MB", "English", "PostgreSQL", "pg_dump",
        // Setting names a message tells people to fill in.
        "Rule", "SearchTerms",

        // Keywords people type after a command, shown in its usage line.
        "on", "off", "edit", "add", "remove", "pause", "resume", "test", "feed", "html", "search", "rule", "csv", "daily", "weekly",
        "monthly", "all", "me", "overdue", "every", "at", "key", "value", "item", "keywords", "check",

        // The rule language's operators and the setting names a supervisor edits.
        "NEAR", "Keywords", "Rule",
    };

    // Members that turn a stored code into words, with every code the bot stores.
    private static readonly Dictionary<string, string[]> Codes = new()
    {
        [nameof(Strings.ActionName)] = ["created", "claim", "report", "assign", "escalate", "resolve", "close", "falsealarm", "sendback", "reopen",
            "note", "grade", "mute", "appeared", "reappeared", "worsened", "notice"],
        [nameof(Strings.EscalationReason)] = ["overdue-claim", "overdue-report"],
        [nameof(Strings.ReminderStep)] = ["claim-half", "claim-final", "claim-overdue", "report-half", "report-final", "report-overdue", "progress-2"],
    };

    [Fact]
    public void EveryString_IsInItsOwnLanguage()
    {
        var problems = new List<string>();
        foreach (var text in new[] { Strings.Chinese, Strings.English })
        {
            foreach (var (member, value) in Render(text))
            {
                // A usage line shows what people type: its lower-case keywords and examples are syntax, not English.
                var checkedText = member.EndsWith("Usage", StringComparison.Ordinal) ? Regex.Replace(value, "[a-z][a-z0-9_]*", " ") : value;
                if (Foreign(checkedText, text) is { } foreign)
                {
                    problems.Add($"{text.Culture} {member}: \"{foreign}\" in \"{Shorten(value)}\"");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryDocument_IsInItsOwnLanguage()
    {
        var problems = new List<string>();
        var now = ReportFixtures.At("2026-03-02 12:00");
        foreach (var text in new[] { Strings.Chinese, Strings.English })
        {
            var incident = Neutral();
            var evidence = new EvidenceRecord { Id = "YL-2026-0001-01", CapturedAt = now, HttpStatus = 200, Sha256 = new string('a', 64), Url = "http://127.0.0.1/1" };
            var heading = new DocumentHeading("1", 2026, 3, "2", "3", new DateOnly(2026, 3, 2));
            var report = SpecialReport.Build(incident, [evidence], text, ReportFixtures.Zone, now, _ => "4");
            var lines = new List<(string, string)>();
            lines.AddRange(report.Official(heading, text).Lines().Select(l => ("special", l)));
            lines.Add(("special html", Regex.Replace(report.Html(), "<[^>]+>", "")));
            lines.AddRange(ContactSheet.Build(incident, "5", heading, text, ReportFixtures.Zone, now).Lines().Select(l => ("notice", l)));
            lines.AddRange(IncidentHistory.Steps(incident, text, ReportFixtures.Zone, _ => "4").Select(s => ("history", s.Who + " " + s.What)));
            lines.AddRange(HandlingMeasures.Lines(incident, text, ReportFixtures.Zone, _ => "4").Select(l => ("measures", l)));
            var exporter = new LedgerExporter(text, ReportFixtures.Zone, ReportFixtures.Deadlines);
            var row = exporter.Rows([incident], new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), now, _ => "4").Single();
            lines.AddRange(LedgerColumn.All.Select(c => ("ledger header", c.Header(text))));
            lines.AddRange(LedgerColumn.All.Select(c => ("ledger cell", c.Value(row)?.ToString() ?? "")));
            foreach (var kind in Enum.GetValues<ReportKind>())
            {
                var period = ReportBuilder.Build(kind, [incident], new DateOnly(2026, 3, 2), text, ReportFixtures.Zone, ReportFixtures.Deadlines, now);
                lines.AddRange(period.Html.Split('\n').Select(l => ($"{kind} report", Regex.Replace(l, "<[^>]+>", ""))));
            }

            foreach (var (kind, line) in lines)
            {
                if (Foreign(line, text) is { } foreign)
                {
                    problems.Add($"{text.Culture} {kind}: \"{foreign}\" in \"{Shorten(line)}\"");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("zh-CN", "处置完毕 OpinionBot appeared：源3", "OpinionBot")]
    [InlineData("en", "resolved it: 已处置", "已处置")]
    [InlineData("zh-CN", "证据 SHA-256：0123456789abcdef0123456789abcdef，见 <code>/evidence 42</code>", null)]
    public void Foreign_FindsTheOtherScript(string culture, string line, string? expected) =>
        Assert.Equal(expected, Foreign(line, Strings.For(culture)));

    /// <summary>An incident whose data is digits and links only, with every kind of step in its trail.</summary>
    private static Incident Neutral()
    {
        var incident = ReportFixtures.March()[0];
        incident.Title = "2026 03 02";
        incident.SourceName = "6";
        incident.Topics = ["7"];
        incident.Department = "5";
        incident.GradeReason = "";
        incident.Appearances = [new Appearance { SourceName = "8", Url = "http://127.0.0.1/2", Title = "9", Discovered = incident.Discovered.AddMinutes(5) }];
        incident.Notes = [new IncidentNote { At = incident.Discovered.AddMinutes(40), ActorId = 3, ActorName = "4", Text = "12345" }];
        var at = incident.Discovered;
        AuditEntry Step(int minutes, string action, long actor = 3, string? comment = null) =>
            new() { At = at.AddMinutes(minutes), ActorId = actor, ActorName = actor == 0 ? "OpinionBot" : "4", Action = action, Comment = comment };
        incident.Audit =
        [
            Step(0, "created", 0), Step(5, "appeared", 0, "8"), Step(10, "claim"), Step(20, "report", comment: "1"),
            new AuditEntry { At = at.AddMinutes(25), ActorId = 3, ActorName = "4", Action = "assign", AssigneeId = 3, Department = "5" },
            new AuditEntry { At = at.AddMinutes(30), ActorId = 0, ActorName = "OpinionBot", Action = "escalate", Level = 2, Comment = "overdue-report" },
            Step(35, "grade", comment: "General→Major: 1"), Step(36, "mute", comment: "2026-03-02T05:00:00+00:00"), Step(37, "mute", comment: "off"),
            Step(40, "note"), Step(45, "worsened", 0, "传播扩大：1 → 2 个来源"), Step(50, "notice", comment: "5"), Step(55, "sendback", comment: "1"),
            new AuditEntry { At = at.AddMinutes(60), ActorId = 3, ActorName = "4", Action = "resolve", Outcome = HandlingOutcome.Clarified },
            Step(70, "reappeared", 0, "8"), Step(80, "reopen"), Step(90, "falsealarm"), Step(100, "close", 0, "watch period passed quietly"),
        ];
        incident.ReminderLog =
        [
            new ReminderLogEntry { At = at.AddMinutes(30), Step = "claim-half" }, new ReminderLogEntry { At = at.AddMinutes(31), Step = "claim-final" },
            new ReminderLogEntry { At = at.AddMinutes(32), Step = "claim-overdue" }, new ReminderLogEntry { At = at.AddMinutes(33), Step = "report-half" },
            new ReminderLogEntry { At = at.AddMinutes(34), Step = "report-final" }, new ReminderLogEntry { At = at.AddMinutes(35), Step = "report-overdue" },
            new ReminderLogEntry { At = at.AddMinutes(36), Step = "progress-2" },
        ];
        return incident;
    }

    /// <summary>The first run of the other script in a line, or null: Han in English; in Chinese a Latin word not allowed.</summary>
    private static string? Foreign(string line, Strings text)
    {
        if (!text.IsChinese)
        {
            var han = Han().Match(line);
            return han.Success ? han.Value : null;
        }

        // Links, commands and their options (/ledger csv, --item), settings (Access:Officers), hex hashes and evidence
        // numbers are not words.
        var words = Regex.Replace(Regex.Replace(line, "<[^>]+>", " "),
            @"\S+\.(docx|xlsx|csv|pdf|png|json|txt)\b|https?://\S+|/[a-z]+(\s+\[?[a-z|]+\]?)*|--[a-z]+|\b[A-Z]\w+(:\w+)+|\b[0-9a-f]{16,}\b|\b[A-Z]{2,4}-\d{4}-\d{4}(-\d{2})?\b", " ");
        foreach (Match word in LatinWord().Matches(words))
        {
            if (!LatinAllowed.Contains(word.Value))
            {
                return word.Value;
            }
        }

        return null;
    }

    /// <summary>Every string property and every method of <see cref="Strings"/> whose arguments can be made up, called.</summary>
    private static IEnumerable<(string Member, string Value)> Render(Strings text)
    {
        foreach (var property in typeof(Strings).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && p.Name != nameof(Strings.Culture)))
        {
            yield return (property.Name, (string)property.GetValue(text)!);
        }

        foreach (var method in typeof(Strings).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.ReturnType == typeof(string) && !m.IsSpecialName))
        {
            var samples = Codes.TryGetValue(method.Name, out var codes) ? codes.Select(c => new object?[] { c }) : Samples(method.GetParameters());
            foreach (var arguments in samples)
            {
                string? value;
                try
                {
                    value = (string?)method.Invoke(text, arguments);
                }
                catch (TargetInvocationException)
                {
                    continue; // a sample this member does not take (e.g. an index out of its range)
                }

                if (value is not null)
                {
                    yield return ($"{method.Name}({string.Join(", ", arguments.Select(a => a?.ToString()))})", value);
                }
            }
        }
    }

    /// <summary>Argument lists for a method: each enum value in turn for an enum parameter, one neutral value otherwise.</summary>
    private static IEnumerable<object?[]> Samples(ParameterInfo[] parameters)
    {
        IEnumerable<object?[]> lists = [[]];
        foreach (var parameter in parameters)
        {
            var options = Values(parameter.ParameterType).ToList();
            if (options.Count == 0)
            {
                return [];
            }

            lists = lists.SelectMany(list => options.Select(option => list.Append(option).ToArray())).ToList();
            if (lists.Count() > 64)
            {
                lists = lists.Take(64).ToList();
            }
        }

        return lists;
    }

    private static IEnumerable<object?> Values(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type);
        if (inner is not null)
        {
            return Values(inner).Append(null);
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).Cast<object?>();
        }

        return type switch
        {
            _ when type == typeof(string) => ["7"],
            _ when type == typeof(int) => [0, 3],
            _ when type == typeof(long) => [3L],
            _ when type == typeof(double) => [0.5],
            _ when type == typeof(bool) => [true, false],
            _ when type == typeof(TimeSpan) => [TimeSpan.FromMinutes(90), TimeSpan.FromDays(2)],
            _ when type == typeof(DateTimeOffset) => [ReportFixtures.At("2026-03-02 12:00")],
            _ when type == typeof(DateOnly) => [new DateOnly(2026, 3, 2)],
            _ when type == typeof(TimeOnly) => [new TimeOnly(9, 30)],
            _ when type == typeof(DayOfWeek) => [DayOfWeek.Monday],
            _ when type == typeof(DeadlineOptions) => [new DeadlineOptions()],
            _ when type == typeof(ReportPeriod) => [ReportPeriod.Containing(ReportKind.Weekly, new DateOnly(2026, 3, 4))],
            _ when type == typeof(IEnumerable<string>) || type == typeof(IReadOnlyList<string>) || type == typeof(IReadOnlyCollection<string>) => [new List<string> { "7", "8" }],
            _ => [],
        };
    }

    private static string Shorten(string value) => value.Length <= 160 ? value : value[..160] + "…";

    [GeneratedRegex(@"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]+")]
    private static partial Regex Han();

    [GeneratedRegex(@"[A-Za-z][A-Za-z_]+")]
    private static partial Regex LatinWord();
}
