namespace OpinionBot.Sources;

/// <summary>The ETag and Last-Modified last given for each fetched URL, for conditional GET.</summary>
public interface IFetchValidatorStore
{
    FetchValidators? Find(string url);

    void Save(string url, FetchValidators validators);
}
