using Grains.Interfaces.Content;

namespace Platform.Tests.Content;

[Collection(ClusterCollection.Name)]
public sealed class CollectionGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;
    private readonly Guid _owner = Guid.NewGuid();
    private readonly Guid _other = Guid.NewGuid();

    [Fact]
    public async Task Create_validates_the_name()
    {
        var blank = await _grains.NewCollectionGrain().CreateAsync(_owner, new(Name: ""));
        var tooLong = await _grains.NewCollectionGrain().CreateAsync(_owner, new(Name: new string('n', 101)));

        Assert.Equal(["This field may not be blank."], blank.Errors!["name"]);
        Assert.Equal(["Ensure this field has no more than 100 characters."], tooLong.Errors!["name"]);
    }

    [Fact]
    public async Task Another_user_sees_nothing_and_changes_nothing()
    {
        var collection = await _grains.CreateCollectionAsync(_owner);
        var post = await _grains.CreatePostAsync(_other);
        var grain = _grains.GetGrain<ICollectionGrain>(collection.Id);

        Assert.Null(await grain.GetAsync(_other));
        Assert.Equal(ChangeStatus.NotFound, (await grain.ReplaceAsync(_other, new(Name: "x"), null)).Status);
        Assert.Equal(ChangeStatus.NotFound, (await grain.UpdateAsync(_other, new(Name: "x"), null)).Status);
        Assert.Equal(ChangeStatus.NotFound, (await grain.AddPostAsync(_other, post.Id, null)).Status);
        Assert.Equal(ChangeStatus.NotFound, (await grain.RemovePostAsync(_other, post.Id, null)).Status);
        Assert.Equal(ChangeStatus.NotFound, (await grain.DeleteAsync(_other, null)).Status);
        Assert.Equal(collection, await grain.GetAsync(_owner));
    }

    [Fact]
    public async Task Rename_bumps_the_version_and_honours_the_callers_version()
    {
        var collection = await _grains.CreateCollectionAsync(_owner);
        var grain = _grains.GetGrain<ICollectionGrain>(collection.Id);

        Assert.Equal(ChangeStatus.VersionMismatch, (await grain.ReplaceAsync(_owner, new(Name: "x"), GrainSteps.Version(2))).Status);
        var renamed = await grain.ReplaceAsync(_owner, new(Name: "Renamed"), GrainSteps.Version(1));
        Assert.Equal(("Renamed", 2), (renamed.Value!.Name, renamed.Value.Version));
        Assert.Equal(ChangeStatus.Invalid, (await grain.ReplaceAsync(_owner, new(), null)).Status);
        Assert.Equal(2, (await grain.UpdateAsync(_owner, new(), null)).Value!.Version);
    }

    [Fact]
    public async Task Adding_a_post_twice_keeps_one_and_unknown_posts_are_refused()
    {
        var collection = await _grains.CreateCollectionAsync(_owner);
        var post = await _grains.CreatePostAsync(_other);
        var grain = _grains.GetGrain<ICollectionGrain>(collection.Id);

        var first = await grain.AddPostAsync(_owner, post.Id, null);
        var second = await grain.AddPostAsync(_owner, post.Id, null);

        Assert.Equal([post.Id], second.Value!.PostIds);
        Assert.Equal((2, 2), (first.Value!.Version, second.Value.Version));
        Assert.Equal(ChangeStatus.PostNotFound, (await grain.AddPostAsync(_owner, Guid.CreateVersion7().ToString(), null)).Status);
        Assert.Equal(ChangeStatus.Invalid, (await grain.AddPostAsync(_owner, null, null)).Status);
    }

    [Fact]
    public async Task Removing_is_idempotent_but_an_unknown_post_is_refused()
    {
        var collection = await _grains.CreateCollectionAsync(_owner);
        var post = await _grains.CreatePostAsync(_owner);
        var grain = _grains.GetGrain<ICollectionGrain>(collection.Id);
        await grain.AddPostAsync(_owner, post.Id, null);

        var removed = await grain.RemovePostAsync(_owner, post.Id, GrainSteps.Version(2));
        var again = await grain.RemovePostAsync(_owner, post.Id, null);

        Assert.Empty(removed.Value!.PostIds);
        Assert.Equal((3, 3), (removed.Value.Version, again.Value!.Version));
        Assert.Equal(ChangeStatus.PostNotFound, (await grain.RemovePostAsync(_owner, Guid.CreateVersion7().ToString(), null)).Status);
    }

    [Fact]
    public async Task Twenty_concurrent_adds_of_different_posts_all_land()
    {
        var collection = await _grains.CreateCollectionAsync(_owner);
        var posts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _grains.CreatePostAsync(_owner)));
        var grain = _grains.GetGrain<ICollectionGrain>(collection.Id);

        var results = await Task.WhenAll(posts.Select(p => grain.AddPostAsync(_owner, p.Id, null)));

        Assert.All(results, r => Assert.Equal(ChangeStatus.Ok, r.Status));
        var final = (await grain.GetAsync(_owner))!;
        Assert.Equal(posts.Select(p => p.Id).Order(), final.PostIds.Order());
        Assert.Equal(21, final.Version);
    }

    [Fact]
    public async Task Deleting_a_post_takes_it_out_of_every_collection_that_held_it()
    {
        var post = await _grains.CreatePostAsync(_other);
        var kept = await _grains.CreatePostAsync(_other);
        var holders = await Task.WhenAll(
            _grains.CreateCollectionAsync(_owner), _grains.CreateCollectionAsync(_owner), _grains.CreateCollectionAsync(_other));
        foreach (var holder in holders)
        {
            var owner = holder.OwnerId;
            await _grains.GetGrain<ICollectionGrain>(holder.Id).AddPostAsync(owner, post.Id, null);
            await _grains.GetGrain<ICollectionGrain>(holder.Id).AddPostAsync(owner, kept.Id, null);
        }

        Assert.Equal(ChangeStatus.Ok, (await _grains.GetGrain<IPostGrain>(post.Id).DeleteAsync(_other, null)).Status);

        foreach (var holder in holders)
            Assert.Equal([kept.Id], (await _grains.GetGrain<ICollectionGrain>(holder.Id).GetAsync(holder.OwnerId))!.PostIds);
        Assert.Equal(ChangeStatus.PostNotFound, (await _grains.GetGrain<ICollectionGrain>(holders[0].Id).AddPostAsync(_owner, post.Id, null)).Status);
    }

    [Fact]
    public async Task A_delete_racing_adds_leaves_no_collection_holding_the_post()
    {
        var post = await _grains.CreatePostAsync(_owner);
        var holders = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _grains.CreateCollectionAsync(_owner)));

        var adds = holders.Select(h => _grains.GetGrain<ICollectionGrain>(h.Id).AddPostAsync(_owner, post.Id, null)).ToList();
        var delete = _grains.GetGrain<IPostGrain>(post.Id).DeleteAsync(_owner, null);
        await Task.WhenAll([.. adds, delete]);

        Assert.Equal(ChangeStatus.Ok, (await delete).Status);
        foreach (var holder in holders)
            Assert.DoesNotContain(post.Id, (await _grains.GetGrain<ICollectionGrain>(holder.Id).GetAsync(_owner))!.PostIds);
    }

    [Fact]
    public async Task Deleting_a_collection_hides_it_and_frees_its_posts_memberships()
    {
        var collection = await _grains.CreateCollectionAsync(_owner);
        var post = await _grains.CreatePostAsync(_owner);
        var grain = _grains.GetGrain<ICollectionGrain>(collection.Id);
        await grain.AddPostAsync(_owner, post.Id, null);

        Assert.Equal(ChangeStatus.VersionMismatch, (await grain.DeleteAsync(_owner, GrainSteps.Version(1))).Status);
        Assert.Equal(ChangeStatus.Ok, (await grain.DeleteAsync(_owner, GrainSteps.Version(2))).Status);

        Assert.Null(await grain.GetAsync(_owner));
        Assert.Empty(await _grains.GetGrain<IPostMembershipGrain>(post.Id).CloseAsync());
    }
}
