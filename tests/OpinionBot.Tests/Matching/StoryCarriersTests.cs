using OpinionBot.Matching;
using Xunit;

namespace OpinionBot.Tests.Matching;

/// <summary>The story index's count of different stories per slot value or term: exact, capped, and compact.</summary>
public sealed class StoryCarriersTests
{
    [Fact]
    public void CountsDifferentStoriesOnce_UpToTheCap()
    {
        var carriers = new StoryCarriers();
        Assert.Equal(0, carriers.Count(7));

        carriers.Note(7, incidentId: 1, enough: 3);
        carriers.Note(7, incidentId: 1, enough: 3); // a second appearance of the same story
        Assert.Equal(1, carriers.Count(7));

        carriers.Note(7, incidentId: 2, enough: 3);
        carriers.Note(7, incidentId: 1, enough: 3);
        carriers.Note(7, incidentId: 2, enough: 3);
        Assert.Equal(2, carriers.Count(7));

        carriers.Note(7, incidentId: 3, enough: 3);
        carriers.Note(7, incidentId: 4, enough: 3);
        Assert.Equal(3, carriers.Count(7));
        Assert.Equal(0, carriers.Count(8));

        carriers.Clear();
        Assert.Equal(0, carriers.Count(7));
    }

    [Fact]
    public void AValueOneStoryCarries_TakesTheRoomOfAKeyAndAnIncident()
    {
        // 200,000 values of one story each, as a storm's appearances leave them (some 70 an appearance): the index keeps a
        // window's worth. A row is 28 bytes (key, incident, hash, link, bucket); allocated with the table's doublings it
        // comes to 88. The old table, with room for several carriers in every row (44 bytes), came to about 138.
        const int values = 200_000;
        var carriers = new StoryCarriers();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < values; i++)
        {
            carriers.Note((ulong)i * 0x9E3779B97F4A7C15UL, incidentId: i / 70, enough: 12);
        }

        var perValue = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / values;
        GC.KeepAlive(carriers);
        Assert.True(perValue < 110, $"{perValue:0} bytes allocated a value, the table's growth included");
    }
}
