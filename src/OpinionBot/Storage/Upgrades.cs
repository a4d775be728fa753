namespace OpinionBot.Storage;

/// <summary>
/// Brings a database written by an earlier version up to what this version keeps, when the worker opens it. Each upgrade
/// is marked done in the counters, so it runs once per database; one interrupted runs again from the start (each step
/// is safe to repeat).
/// </summary>
public static class Upgrades
{
    public const string UnclosedRegisterKey = "upgrade:unclosed-register";

    /// <summary>The counters that mark an upgrade done (see <see cref="Migration"/>, which copies them as they are).</summary>
    public static readonly IReadOnlyList<string> Markers = [UnclosedRegisterKey];

    // Incidents per transaction: each step holds only its own documents' pages, however many incidents there are.
    private const int Page = 500;

    public static void Apply(OpinionDatabase db, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Read(s => s.Counters.Get(UnclosedRegisterKey)) != 0)
        {
            return;
        }

        // The register of unclosed incidents (Storage/Stores/IncidentStore.cs) arrived after incidents were stored.
        long after = 0;
        while (db.Write(s => s.Incidents.RegisterUnclosed(after, Page)) is { } last)
        {
            after = last;
        }

        var unclosed = db.Write(s =>
        {
            s.Counters.Set(UnclosedRegisterKey, 1);
            return s.Incidents.UnclosedIds().Count;
        });
        if (after > 0)
        {
            logger?.LogInformation("Listed the {Count} unclosed incidents in their register (once, for a database written by an earlier version)", unclosed);
        }
    }
}
