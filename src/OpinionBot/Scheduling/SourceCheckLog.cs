using OpinionBot.Storage;

namespace OpinionBot.Scheduling;

/// <summary>Records each source check (<see cref="SourceCheck"/>) so <c>/status</c> can say what works and what fails since when.</summary>
public sealed class SourceCheckLog(OpinionDatabase db, TimeProvider time)
{
    public void Succeeded(string source) => Record(source, error: null);

    public void Failed(string source, string error) => Record(source, error.Length > 200 ? error[..200] : error);

    public SourceCheck? Last(string source) => db.SourceChecks.FindById(source);

    private void Record(string source, string? error) => db.Write(() =>
    {
        var now = time.GetUtcNow();
        var check = db.SourceChecks.FindById(source) ?? new SourceCheck { Id = source };
        check.LastCheck = now;
        check.LastError = error;
        if (error is null)
        {
            check.LastSuccess = now;
            check.FailingSince = null;
            check.ConsecutiveFailures = 0;
        }
        else
        {
            check.FailingSince ??= now;
            check.ConsecutiveFailures++;
        }

        db.SourceChecks.Upsert(check);
    });
}
