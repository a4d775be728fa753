namespace OpinionBot.Storage.Stores;

internal sealed class CounterStore(IDocumentTable<Counter> counters) : ICounterStore
{
    public long Next(string name)
    {
        var counter = counters.Get(name) ?? new Counter { Id = name };
        counter.Value++;
        counters.Upsert(counter);
        return counter.Value;
    }

    public long Get(string name) => counters.Get(name)?.Value ?? 0;

    public void Set(string name, long value) => counters.Upsert(new Counter { Id = name, Value = value });
}
