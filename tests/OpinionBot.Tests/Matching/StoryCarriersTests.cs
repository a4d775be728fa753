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
        carriers.Note(7, incidentId: 1, enough: 3);
        Assert.Equal(3, carriers.Count(7));
        Assert.Equal(0, carriers.Count(8));

        carriers.Note(6, incidentId: 1, enough: 2);
        carriers.Note(6, incidentId: 2, enough: 2);
        carriers.Note(6, incidentId: 3, enough: 2);
        Assert.Equal(2, carriers.Count(6));
        Assert.Equal(0, carriers.Listings); // counted to two or three, a value keeps no list

        carriers.Clear();
        Assert.Equal(0, carriers.Count(7));
    }

    [Fact]
    public void AValueOneStoryCarries_TakesTheRoomOfARow()
    {
        // 200,000 values of one story each, as a storm's appearances leave them (some 70 an appearance): the index keeps a
        // window's worth. A row is 16 bytes (key, two story numbers) and the table at most three quarters full: here 2^19
        // rows, 42 bytes a value. The dictionary before it held 28 bytes a row and grew by doubling (up to 56 a value).
        const int values = 200_000;
        var carriers = new StoryCarriers();
        for (var i = 0; i < values; i++)
        {
            carriers.Note((ulong)i * 0x9E3779B97F4A7C15UL, incidentId: i / 70, enough: 12);
        }

        Assert.True(carriers.RowBytes / (double)values < 44, $"{carriers.RowBytes} bytes of rows for {values} values");
        Assert.Equal(0, carriers.Listings);
    }

    [Fact]
    public void ValuesTwoOrThreeStoriesCarry_KeepNoListOfTheirOwn()
    {
        // Template text: a slot value (counted to three) shared by several stories. A list per shared value (an array and
        // a dictionary row, ~65 bytes, made again at every recount) was the table's largest part in the steady load run.
        const int values = 100_000;
        var carriers = new StoryCarriers();
        for (var story = 1; story <= 4; story++)
        {
            carriers.Note(0, incidentId: story, enough: 3); // numbers the stories before measuring
        }

        carriers.Clear();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var story = 1; story <= 4; story++)
        {
            for (var i = 1UL; i <= values; i++)
            {
                carriers.Note(0x8000_0000_0000_0000UL | i, incidentId: story, enough: 3);
            }
        }

        var perValue = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / values;
        Assert.Equal(0, carriers.Listings);
        Assert.Equal(3, carriers.Count(0x8000_0000_0000_0000UL | 77UL));
        Assert.True(perValue < 90, $"{perValue:0} bytes allocated a value, the table's growth included");
    }

    [Fact]
    public void ATermCountedToTwelve_KeepsItsStoriesInAList_AndCountsEachOnce()
    {
        var carriers = new StoryCarriers();
        for (var story = 1; story <= 20; story++)
        {
            carriers.Note(5, incidentId: story, enough: 12);
            carriers.Note(5, incidentId: 1, enough: 12);
            carriers.Note(5, incidentId: story, enough: 12);
            Assert.Equal(Math.Min(story, 12), carriers.Count(5));
        }

        Assert.Equal(1, carriers.Listings);
    }

    [Fact]
    public void KeysAlikeInTheirLowOrHighBits_AreCountedApart_ThroughTheTablesGrowth()
    {
        // Terms keep their kind in the low byte and slot keys their slot in the high word: keys differing only in one
        // part must neither collide into one count nor pile up (a probe run the length of the table would hang a check).
        var carriers = new StoryCarriers();
        var keys = new List<ulong>();
        for (ulong i = 1; i <= 20_000; i++)
        {
            keys.Add(i << 32);               // same low word
            keys.Add(0x8000_0000_0000_0000UL | i); // same high word
            keys.Add((i << 8) | 0x05);       // same low byte
        }

        for (var i = 0; i < keys.Count; i++)
        {
            carriers.Note(keys[i], incidentId: 1_000_000_000_000 + i, enough: 12); // ids past int's range
            if (i % 3 == 0)
            {
                carriers.Note(keys[i], incidentId: 7, enough: 12); // a second story on every third key
            }
        }

        for (var i = 0; i < keys.Count; i++)
        {
            Assert.Equal(i % 3 == 0 ? 2 : 1, carriers.Count(keys[i]));
        }

        Assert.Equal(0, carriers.Count(0x1234_5678_9ABC_DEF0UL));
        Assert.Equal(0, carriers.Count(0));

        carriers.Clear();
        Assert.All(keys.Take(300), key => Assert.Equal(0, carriers.Count(key)));
        carriers.Note(keys[0], incidentId: 42, enough: 12);
        carriers.Note(keys[0], incidentId: 43, enough: 12);
        Assert.Equal(2, carriers.Count(keys[0]));
    }

    [Fact]
    public void AStoryNoted_WithACapOfOne_NeverCountsTwo()
    {
        var carriers = new StoryCarriers();
        carriers.Note(9, incidentId: 1, enough: 1);
        carriers.Note(9, incidentId: 2, enough: 1);
        Assert.Equal(1, carriers.Count(9));
    }
}
