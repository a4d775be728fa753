namespace OpinionBot.Scheduling;

/// <summary>The one stored heightened period, running or run out.</summary>
public interface IHeightenedPeriodStore
{
    HeightenedPeriod? Stored();

    void Save(HeightenedPeriod period);

    /// <summary>Removes the stored period; false when there was none.</summary>
    bool Clear();
}
