using Microsoft.Extensions.Options;

namespace OpinionBot.Incidents;

public sealed class EscalationOptionsValidation : IValidateOptions<EscalationOptions>
{
    public ValidateOptionsResult Validate(string? name, EscalationOptions options) =>
        !Enum.IsDefined(options.NotifyLeadershipFrom)
            ? ValidateOptionsResult.Fail("Escalation:NotifyLeadershipFrom must be General (一般), Larger (较大) or Major (重大).")
            : options.RepeatEvery < TimeSpan.FromMinutes(1)
                ? ValidateOptionsResult.Fail("Escalation:RepeatEvery must be at least a minute, written as hh:mm:ss, e.g. 01:00:00.")
                : ValidateOptionsResult.Success;
}
