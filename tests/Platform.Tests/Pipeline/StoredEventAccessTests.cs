using Platform.Tests.Identity;

namespace Platform.Tests.Pipeline;

/// <summary>A stored event carries its user's profile: only an operator and that user may read it; anyone else gets 404.</summary>
public sealed class StoredEventAccessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Only_an_operator_and_the_event_s_own_user_can_read_a_stored_event()
    {
        var anonymous = api.CreateClient();
        var author = await TestUsers.SignUpAsync(anonymous);
        var stranger = await TestUsers.SignUpAsync(anonymous);
        // Anybody may write an event under the author's public id; reading it back must not reveal the author's email.
        var sent = PipelineKit.NewEvent(author.Id.ToString());
        await PipelineKit.PostBatchAsync(anonymous, [sent]);
        var path = $"/api/events/{sent["event_id"]}";

        var operatorClient = api.CreateOperatorClient();
        var stored = await Eventually.Until(() => operatorClient.GetAsync(path), r => r.StatusCode == HttpStatusCode.OK,
            PipelineKit.Drain, "the event to be stored");
        Assert.Contains(author.Email, await stored.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient(author.AccessToken).GetAsync(path)).StatusCode);
        foreach (var refused in new[] { anonymous, api.CreateClient(stranger.AccessToken) })
        {
            var response = await refused.GetAsync(path);
            var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.DoesNotContain(author.Email, problem.ToString());
        }
    }
}
