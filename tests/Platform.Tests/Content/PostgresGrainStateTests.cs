using Grains.Interfaces.Content;

namespace Platform.Tests.Content;

/// <summary>The content grains' state round-trips through the platform's PostgreSQL grain storage.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class PostgresGrainStateTests(PostgresClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;
    private readonly Guid _owner = Guid.NewGuid();

    [Fact]
    public async Task Posts_collections_and_indexes_are_read_back_after_deactivation()
    {
        var post = await _grains.CreatePostAsync(_owner, "Stored", "In PostgreSQL");
        var collection = await _grains.CreateCollectionAsync(_owner);
        var collectionGrain = _grains.GetGrain<ICollectionGrain>(collection.Id);
        await collectionGrain.AddPostAsync(_owner, post.Id, null);

        await Task.WhenAll(
            _grains.GetGrain<IPostGrain>(post.Id).DeactivateAsync(),
            collectionGrain.DeactivateAsync(),
            _grains.GetGrain<IPostMembershipGrain>(post.Id).DeactivateAsync(),
            _grains.GetGrain<IUserCollectionsGrain>(_owner).DeactivateAsync(),
            _grains.GetGrain<IPostFeedGrain>(0).DeactivateAsync());

        Assert.Equal(post, await Eventually.Until(() => _grains.GetGrain<IPostGrain>(post.Id).GetAsync(), p => p is not null, TimeSpan.FromSeconds(10), "the post"));
        Assert.Equal([post.Id], (await collectionGrain.GetAsync(_owner))!.PostIds);
        var listed = await _grains.GetGrain<ICollectionListingGrain>(0).ListAsync(_owner, new());
        Assert.Equal([collection.Id], listed.Page!.Items.Select(c => c.Id));

        var later = await _grains.CreatePostAsync(_owner, "After reactivation");
        var feed = await _grains.GetGrain<IPostListingGrain>(0).ListAsync(new(Limit: 10));
        Assert.Equal([later.Id, post.Id], feed.Page!.Items.Where(p => p.AuthorId == _owner).Select(p => p.Id));

        Assert.Equal(ChangeStatus.Ok, (await _grains.GetGrain<IPostGrain>(post.Id).DeleteAsync(_owner, null)).Status);
        Assert.Empty((await collectionGrain.GetAsync(_owner))!.PostIds);
    }
}
