using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace OpinionBot.Reports;

/// <summary>Checks the <c>Reports</c> section at start; each failure names the setting and how to fix it.</summary>
public sealed partial class ReportsOptionsValidation : IValidateOptions<ReportsOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportsOptions options)
    {
        try
        {
            options.ResolveZone();
        }
        catch (InvalidOperationException)
        {
            return ValidateOptionsResult.Fail(
                $"Reports:TimeZone '{options.TimeZone}' is unknown: use an IANA id such as Asia/Shanghai.");
        }

        if (options.MonthlyOn is < 1 or > 28)
        {
            return ValidateOptionsResult.Fail(
                $"Reports:MonthlyOn is {options.MonthlyOn}: use a day from 1 to 28 so every month has it.");
        }

        if (options.TopItems is < 0 or > 50)
        {
            return ValidateOptionsResult.Fail($"Reports:TopItems is {options.TopItems}: use a number from 0 to 50.");
        }

        foreach (var code in options.EvidenceCategories.Values.Append(options.DefaultEvidenceCategory))
        {
            if (!CategoryCode().IsMatch(code))
            {
                return ValidateOptionsResult.Fail(
                    $"Reports evidence category '{code}' is invalid: use 2 to 4 capital letters, e.g. YL or XJ.");
            }
        }

        return ValidateOptionsResult.Success;
    }

    [GeneratedRegex("^[A-Z]{2,4}$")]
    internal static partial Regex CategoryCode();
}
