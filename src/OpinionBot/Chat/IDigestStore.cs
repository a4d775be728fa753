namespace OpinionBot.Chat;

/// <summary>The digest cards sent in storms, kept while they can still be paged and opened.</summary>
public interface IDigestStore
{
    /// <summary>Stores a new digest (its id is given here).</summary>
    void Add(DigestRecord digest);

    DigestRecord? Find(long id);

    /// <summary>Every digest still kept, oldest first.</summary>
    IReadOnlyList<DigestRecord> Kept();

    void ForgetCreatedBefore(DateTimeOffset before);
}
