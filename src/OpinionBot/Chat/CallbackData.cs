using System.Globalization;
using OpinionBot.Incidents;

namespace OpinionBot.Chat;

/// <summary>
/// What an inline button carries: <c>{code}:{incidentId}:{version}[:{argument}]</c>, ASCII and well under Telegram's
/// 64-byte limit. Parsing is strict because the data comes back from outside and may be tampered with.
/// </summary>
public sealed record CallbackData(ButtonCode Code, long IncidentId, int Version, long Argument = 0)
{
    public const int MaxBytes = 64;

    public string Format() => Argument == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{(char)Code}:{IncidentId}:{Version}")
        : string.Create(CultureInfo.InvariantCulture, $"{(char)Code}:{IncidentId}:{Version}:{Argument}");

    public static CallbackData? Parse(string? data)
    {
        if (string.IsNullOrEmpty(data) || data.Length > MaxBytes)
        {
            return null;
        }

        var parts = data.Split(':');
        if (parts.Length is < 3 or > 4 || parts[0].Length != 1 || !Enum.IsDefined(typeof(ButtonCode), (int)parts[0][0]))
        {
            return null;
        }

        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0 ||
            !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        long argument = 0;
        if (parts.Length == 4 && !long.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out argument))
        {
            return null;
        }

        return new CallbackData((ButtonCode)parts[0][0], id, version, argument);
    }
}

/// <summary>One letter per button kind.</summary>
public enum ButtonCode
{
    Claim = 'c',
    Report = 'r',
    OpenAssign = 'a',
    PickAssignee = 'p',
    PickDepartment = 'g',
    Escalate = 'e',
    Resolve = 'd',
    PickOutcome = 'o',
    Close = 'x',
    FalseAlarm = 'f',
    SendBack = 's',
    Reopen = 'u',
    Back = 'b',
}

public static class ButtonCodes
{
    /// <summary>The lifecycle action a button performs directly, if it performs one.</summary>
    public static IncidentAction? ActionOf(ButtonCode code) => code switch
    {
        ButtonCode.Claim => IncidentAction.Claim,
        ButtonCode.Report => IncidentAction.Report,
        ButtonCode.PickAssignee or ButtonCode.PickDepartment => IncidentAction.Assign,
        ButtonCode.Escalate => IncidentAction.Escalate,
        ButtonCode.Resolve or ButtonCode.PickOutcome => IncidentAction.Resolve,
        ButtonCode.Close => IncidentAction.Close,
        ButtonCode.FalseAlarm => IncidentAction.FalseAlarm,
        ButtonCode.SendBack => IncidentAction.SendBack,
        ButtonCode.Reopen => IncidentAction.Reopen,
        _ => null,
    };
}
