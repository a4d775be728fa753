using OpinionBot.Storage;

namespace OpinionBot.Sources;

/// <summary>What the reader remembers between reads: validators for conditional GET, and which items were already seen.</summary>
public interface IFetchMemory
{
    FetchValidators? GetValidators(string url);

    void SaveValidators(string url, FetchValidators validators);

    /// <summary>True when the item (by canonical URL) was processed before, so its page need not be followed again.</summary>
    bool HasSeen(string canonicalUrl);
}

/// <summary>Stored ETag / Last-Modified of a fetched URL.</summary>
public sealed class StoredValidators
{
    public string Url { get; set; } = "";
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
}

/// <summary>The reader's memory in the database: its own validators and the pipeline's seen items.</summary>
public sealed class StoredFetchMemory(OpinionDatabase database) : IFetchMemory
{
    public FetchValidators? GetValidators(string url) => database.Read(s => s.FetchValidators.Find(url));

    public void SaveValidators(string url, FetchValidators validators) => database.Write(s => s.FetchValidators.Save(url, validators));

    public bool HasSeen(string canonicalUrl) => database.Read(s => s.SeenItems.HasSeen(canonicalUrl));
}
