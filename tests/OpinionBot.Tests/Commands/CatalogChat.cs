using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Scheduling;
using OpinionBot.Tests.Commands;
using OpinionBot.Tests.Support;
using Quartz;

namespace OpinionBot.Tests.Commands;

/// <summary>What the catalog tests share: feeds on the test site and a look at the scheduler's triggers.</summary>
internal static class CatalogChat
{
    public static void Feed(this CommandChat chat, string path, params string[] titles) =>
        chat.Bot.Site.Set(path, TestFeeds.Rss([.. titles.Select((t, i) =>
            (t, chat.Bot.Site.Url($"{path}/item/{i}-{Guid.NewGuid():N}"), DateTimeOffset.UtcNow.AddMinutes(-1), t))]));

    public static async Task<List<string>> TriggerNamesAsync(this CommandChat chat, string source)
    {
        var scheduler = await chat.Bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var triggers = await scheduler.GetTriggersOfJob(SourceJobs.KeyOf(source));
        return [.. triggers.Select(t => t.Key.Name)];
    }

    public static async Task WaitForTriggersAsync(this CommandChat chat, string source, Func<List<string>, bool> condition)
    {
        var deadline = DateTime.UtcNow + CommandChat.Patience;
        while (!condition(await chat.TriggerNamesAsync(source)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"triggers of {source}: {string.Join(", ", await chat.TriggerNamesAsync(source))}");
            }

            await Task.Delay(50);
        }
    }
}
