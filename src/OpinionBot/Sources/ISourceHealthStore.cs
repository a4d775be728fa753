namespace OpinionBot.Sources;

/// <summary>Each source's stored health.</summary>
public interface ISourceHealthStore
{
    SourceHealth? Find(string source);

    void Save(SourceHealth health);

    /// <summary>The sources with an announced problem (failing or redesigned).</summary>
    IReadOnlyList<SourceHealth> Troubled();
}
