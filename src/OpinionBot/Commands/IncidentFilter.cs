using System.Globalization;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;

namespace OpinionBot.Commands;

/// <summary>
/// What <c>/incidents</c> shows: open incidents unless a status or <see cref="All"/> is given, narrowed by grade,
/// department (1-based position in <c>Departments</c>), assignee and overdue. It travels in page buttons in a compact
/// form such as <c>g2.d1.p501.o</c>, well within Telegram's 64 bytes.
/// </summary>
public sealed record IncidentFilter(Grade? Grade = null, IncidentStatus? Status = null, bool All = false,
    int Department = 0, long Assignee = 0, bool Overdue = false)
{
    public bool Matches(Incident incident, string? departmentName) =>
        (Status is { } status ? incident.Status == status : All || Lifecycle.IsOpen(incident.Status)) &&
        (Grade is not { } grade || incident.Grade == grade) &&
        (Department == 0 || string.Equals(incident.Department, departmentName, StringComparison.OrdinalIgnoreCase)) &&
        (Assignee == 0 || incident.AssigneeId == Assignee) &&
        (!Overdue || incident.Overdue);

    public string Format()
    {
        var parts = new List<string>();
        if (Grade is { } grade)
        {
            parts.Add("g" + (int)grade);
        }

        if (Status is { } status)
        {
            parts.Add("s" + (int)status);
        }

        if (All)
        {
            parts.Add("a");
        }

        if (Department > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"d{Department}"));
        }

        if (Assignee > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"p{Assignee}"));
        }

        if (Overdue)
        {
            parts.Add("o");
        }

        return string.Join('.', parts);
    }

    /// <summary>Reads <see cref="Format"/>'s output back; null when the text was tampered with.</summary>
    public static IncidentFilter? Parse(string text)
    {
        var filter = new IncidentFilter();
        foreach (var part in text.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            long.TryParse(part.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var value);
            filter = part[0] switch
            {
                'g' when Enum.IsDefined(typeof(Grade), (int)value) && part.Length > 1 => filter with { Grade = (Grade)value },
                's' when Enum.IsDefined(typeof(IncidentStatus), (int)value) && part.Length > 1 => filter with { Status = (IncidentStatus)value },
                'a' when part.Length == 1 => filter with { All = true },
                'd' when value is > 0 and < 1000 => filter with { Department = (int)value },
                'p' when value > 0 => filter with { Assignee = value },
                'o' when part.Length == 1 => filter with { Overdue = true },
                _ => null!,
            };
            if (filter is null)
            {
                return null;
            }
        }

        return filter;
    }
}
