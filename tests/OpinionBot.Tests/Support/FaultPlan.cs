namespace OpinionBot.Tests.Support;

/// <summary>
/// Failures to answer instead of the real method. A fault without a method never hits getUpdates, so a running
/// poller cannot swallow a failure meant for sendMessage; name "getUpdates" explicitly to fail polling.
/// </summary>
internal sealed class FaultPlan
{
    private readonly Lock gate = new();
    private readonly List<Fault> faults = [];
    private volatile bool down;

    public bool Down
    {
        get => down;
        set => down = value;
    }

    public void Add(int count, int status, int? retryAfter, string? method, string? description, bool html)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 300);
        lock (gate)
        {
            faults.Add(new Fault(method, status, retryAfter, description, html) { Remaining = count });
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    /// <summary>The failure to answer for this call, or null to handle it normally.</summary>
    public BotApiReply? Take(string method)
    {
        if (down)
        {
            return BotApiReply.NginxPage(502);
        }

        lock (gate)
        {
            var fault = faults.Find(candidate => candidate.Matches(method));
            if (fault is null)
            {
                return null;
            }

            if (--fault.Remaining == 0)
            {
                faults.Remove(fault);
            }

            return fault.Reply();
        }
    }

    private sealed record Fault(string? Method, int Status, int? RetryAfter, string? Description, bool Html)
    {
        public int Remaining { get; set; }

        public bool Matches(string method) => Method is null
            ? !string.Equals(method, "getUpdates", StringComparison.OrdinalIgnoreCase)
            : string.Equals(method, Method, StringComparison.OrdinalIgnoreCase);

        public BotApiReply Reply()
        {
            if (Html)
            {
                return BotApiReply.NginxPage(Status);
            }

            if (Status == 429)
            {
                var seconds = RetryAfter ?? 1;
                return BotApiReply.Error(429, Description ?? $"Too Many Requests: retry after {seconds}", seconds);
            }

            return BotApiReply.Error(Status, Description ?? BotApiReply.DefaultDescription(Status), RetryAfter);
        }
    }
}
