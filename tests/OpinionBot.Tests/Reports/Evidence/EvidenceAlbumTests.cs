using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Incidents;
using OpinionBot.Reports;
using OpinionBot.Tests.Commands;
using SkiaSharp;
using Xunit;
using static OpinionBot.Tests.EndToEnd.BotHarness;

namespace OpinionBot.Tests.Reports.Evidence;

/// <summary>/evidence N with browser captures: the screenshots as one album, then every file as a document, hashes checked.</summary>
public sealed class EvidenceAlbumTests : IAsyncLifetime
{
    private CommandChat _chat = null!;

    public async Task InitializeAsync()
    {
        _chat = await CommandChat.StartAsync();
        _chat.Bot.Database.Write(s => s.Counters.Set(EvidenceBackup.CursorKey, long.MaxValue));
    }

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    /// <summary>A full-page screenshot far taller than Telegram takes as a photo (1280 × 6000).</summary>
    private static byte[] TallPng()
    {
        using var surface = SKSurface.Create(new SKImageInfo(1280, 6000));
        surface.Canvas.Clear(SKColors.White);
        using var paint = new SKPaint { Color = SKColors.Red };
        surface.Canvas.DrawRect(0, 0, 1280, 200, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private EvidenceRecord Save(Incident incident, string path, byte[]? screenshot = null) =>
        _chat.Bot.Services.GetRequiredService<EvidenceStore>().Save(incident, new EvidenceCapture(
            incident.Url + path, Encoding.UTF8.GetBytes("<html>页面</html>"), "页面", 200, "text/html; charset=utf-8", FinalUrl: incident.Url + path + "?final")
        {
            Screenshot = screenshot ?? TallPng(),
            Pdf = Encoding.ASCII.GetBytes("%PDF-1.4 fake print"),
        });

    [Fact]
    public async Task Evidence_TwoCaptures_ScreenshotsComeAsAnAlbum_ThenEveryFileVerified()
    {
        var (incident, _) = await _chat.OpenAsync("医院投诉 截图相册");
        var first = Save(incident, "/a");
        var second = Save(incident, "/b");

        var reply = await _chat.SayAsync(TeamChat, Officer, $"/evidence {incident.Number}");

        // The worker's own start-up evidence pass may also back up the incident's page (on a busy machine it ran after the
        // incident was opened): a third backup, from what the source listed, without a screenshot (.invalid).
        Assert.Matches("共 [23] 份证据备份（2 份含网页截图和 PDF 打印件）", reply.Text);
        await _chat.Api.WaitUntilAsync(() => _chat.Api.Messages(TeamChat).Count(m => m.Kind == "document" && m.Text!.Contains(second.Id)) == 4, CommandChat.Patience);
        var album = Assert.Single(_chat.Api.Requests("sendMediaGroup"));
        Assert.Equal(200, album.Status);
        var photos = _chat.Api.Messages(TeamChat).Where(m => m.Kind == "photo").ToList();
        Assert.Equal(2, photos.Count);
        Assert.Contains(first.Id, photos[0].Text);
        Assert.Contains("截图预览", photos[0].Text);
        var documents = _chat.Api.Messages(TeamChat).Where(m => m.Kind == "document").ToList();
        Assert.Equal([$"{first.Id}.html", $"{first.Id}.txt", $"{first.Id}.png", $"{first.Id}.pdf"], documents.Take(4).Select(d => d.FileName));
        Assert.All(documents, d => Assert.Contains("校验一致", d.Text));
        Assert.Contains($"最终网址：{incident.Url}/a?final", documents[0].Text);
        Assert.Equal(TallPng().Length, documents[2].FileBytes!.Length); // the full screenshot, not the preview
        Assert.True(photos.Max(p => p.MessageId) < documents.Min(d => d.MessageId));
    }

    [Fact]
    public async Task Evidence_OneCapture_ScreenshotIsAPlainPhoto()
    {
        var (incident, _) = await _chat.OpenAsync("医院投诉 单张截图");
        var only = Save(incident, "/a");

        await _chat.SayAsync(TeamChat, Officer, $"/evidence {incident.Number}", languageCode: "en");

        var photo = await _chat.Api.WaitForMessageAsync(TeamChat, m => m.Kind == "photo", CommandChat.Patience);
        Assert.Contains(only.Id, photo.Text);
        Assert.Empty(_chat.Api.Requests("sendMediaGroup"));
    }

    [Fact]
    public async Task Evidence_AScreenshotThatNoLongerDecodes_IsLeftOutOfTheAlbum_AndItsFileStillGoes()
    {
        var (incident, _) = await _chat.OpenAsync("医院投诉 坏截图");
        var good = Save(incident, "/a");
        var broken = Save(incident, "/b", Encoding.ASCII.GetBytes("not a png at all"));

        await _chat.SayAsync(TeamChat, Officer, $"/evidence {incident.Number}");

        // The previews are drawn by the sender: the unreadable one is left out, so the good one goes as a plain photo.
        await _chat.Api.WaitUntilAsync(() => _chat.Api.Messages(TeamChat).Count(m => m.Kind == "document" && m.Text!.Contains(broken.Id)) == 4, CommandChat.Patience);
        var photo = Assert.Single(_chat.Api.Messages(TeamChat), m => m.Kind == "photo");
        Assert.Contains(good.Id, photo.Text);
        Assert.Empty(_chat.Api.Requests("sendMediaGroup"));
        Assert.Single(_chat.Api.Messages(TeamChat), m => m.Kind == "document" && m.FileName == $"{broken.Id}.png");
    }
}
