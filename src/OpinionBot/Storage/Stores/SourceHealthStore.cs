using OpinionBot.Sources;

namespace OpinionBot.Storage.Stores;

internal sealed class SourceHealthStore(IDocumentTable<SourceHealth> health) : ISourceHealthStore
{
    public SourceHealth? Find(string source) => health.Get(source);

    public void Save(SourceHealth source) => health.Upsert(source);

    // One document per source: read whole and filtered here.
    public IReadOnlyList<SourceHealth> Troubled() => [.. health.All().Where(h => h.Announced != HealthState.Healthy)];
}
