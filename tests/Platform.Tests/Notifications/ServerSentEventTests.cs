using System.Text.Json;
using Grains.Interfaces.Notifications;
using Platform.Tests.Identity;

namespace Platform.Tests.Notifications;

/// <summary>GET /sse/notifications over real Kestrel, read by the runtime's own SSE parser as an EventSource reads it.</summary>
public sealed class ServerSentEventTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ApiFactory _api = new(new Dictionary<string, string?>(), kestrel: true);

    public Task InitializeAsync() => _api.CreateKestrelClient().GetAsync("/health/live");

    public Task DisposeAsync() => _api.DisposeAsync().AsTask();

    [Fact]
    public async Task Post_notifications_reach_everyone_and_collection_notifications_only_their_owner()
    {
        var client = _api.CreateKestrelClient();
        var owner = await TestUsers.SignUpAsync(client);
        using var anonymous = await OpenAsync(accessToken: null);
        using var signedIn = await OpenAsync(owner.AccessToken);
        await NotificationDeliveryTests.WaitForSubscribers(_api, 2);

        var collection = NotificationDeliveryTests.Change(NotificationTypes.CollectionCreated, "c1", new TestPost("private", ""));
        await NotificationDeliveryTests.Publish(_api, collection, NotificationFeeds.OfUser(owner.Id));
        await NotificationDeliveryTests.Publish(_api, NotificationDeliveryTests.Public("p1"));

        var first = await signedIn.NextAsync(Patience);
        Assert.Equal("notification", first.EventType);
        Assert.Equal(NotificationTypes.CollectionCreated, JsonDocument.Parse(first.Data).RootElement.GetProperty("type").GetString());
        Assert.Equal("p1", JsonDocument.Parse((await signedIn.NextAsync(Patience)).Data).RootElement.GetProperty("resource_id").GetString());
        // The anonymous stream's first notification is the public one: the private one never reached it.
        Assert.Equal("p1", JsonDocument.Parse((await anonymous.NextAsync(Patience)).Data).RootElement.GetProperty("resource_id").GetString());
    }

    [Fact]
    public async Task An_invalid_token_is_a_401_problem_not_an_anonymous_stream()
    {
        var client = _api.CreateKestrelClient();
        // Without "Accept: text/event-stream", which would make the problem body plain text.
        var response = await client.GetAsync("/sse/notifications?access_token=not-a-token", HttpCompletionOption.ResponseHeadersRead);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private Task<EventStreamReader> OpenAsync(string? accessToken) =>
        EventStreamReader.OpenAsync(_api.Address!, "/sse/notifications" + (accessToken is null ? "" : $"?access_token={Uri.EscapeDataString(accessToken)}"));
}
