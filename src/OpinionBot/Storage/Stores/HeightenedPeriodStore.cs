using OpinionBot.Scheduling;

namespace OpinionBot.Storage.Stores;

internal sealed class HeightenedPeriodStore(IDocumentTable<HeightenedPeriod> periods) : IHeightenedPeriodStore
{
    public HeightenedPeriod? Stored() => periods.Get(HeightenedPeriod.CurrentId);

    public void Save(HeightenedPeriod period) => periods.Upsert(period);

    public bool Clear() => periods.Delete(HeightenedPeriod.CurrentId);
}
