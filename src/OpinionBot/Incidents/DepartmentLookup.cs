using Microsoft.Extensions.Options;
using OpinionBot.Settings;

namespace OpinionBot.Incidents;

/// <summary>The configured departments by name, so the incident rules can tell whether a department has a lead to escalate to.</summary>
public sealed class DepartmentLookup(IOptionsMonitor<MonitoringOptions> monitoring)
{
    public Department? Find(string? name) => name is null ? null
        : monitoring.CurrentValue.Departments.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}
