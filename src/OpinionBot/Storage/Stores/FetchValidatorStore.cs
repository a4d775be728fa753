using OpinionBot.Sources;

namespace OpinionBot.Storage.Stores;

internal sealed class FetchValidatorStore(IDocumentTable<StoredValidators> validators) : IFetchValidatorStore
{
    public FetchValidators? Find(string url) =>
        validators.Get(url) is { } stored ? new FetchValidators(stored.ETag, stored.LastModified) : null;

    public void Save(string url, FetchValidators found) =>
        validators.Upsert(new StoredValidators { Url = url, ETag = found.ETag, LastModified = found.LastModified });
}
