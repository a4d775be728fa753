namespace OpinionBot.Storage;

/// <summary>Named numbers: sequences (incident and document numbers) and small markers (last update id, cursors).</summary>
public interface ICounterStore
{
    /// <summary>The next value of a named sequence, starting at 1.</summary>
    long Next(string name);

    long Get(string name);

    void Set(string name, long value);
}
