using Grains.Interfaces.Content;

namespace Platform.Tests.Content;

[Collection(ClusterCollection.Name)]
public sealed class PostGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;
    private readonly Guid _author = Guid.NewGuid();
    private readonly Guid _other = Guid.NewGuid();

    [Fact]
    public async Task Create_sets_version_one_and_times_and_get_returns_it()
    {
        var grain = _grains.NewPostGrain();
        var created = await grain.CreateAsync(_author, new(Title: "Hello", Body: "World"));

        Assert.Equal(ChangeStatus.Ok, created.Status);
        var post = created.Value!;
        Assert.Equal((grain.GetPrimaryKeyString(), "Hello", "World", _author, 1), (post.Id, post.Title, post.Body, post.AuthorId, post.Version));
        Assert.Equal(post.CreatedAt, post.UpdatedAt);
        Assert.Equal(post, await grain.GetAsync());
    }

    [Fact]
    public async Task Create_twice_on_one_id_is_a_conflict()
    {
        var grain = _grains.NewPostGrain();
        await grain.CreateAsync(_author, new(Title: "Once"));
        Assert.Equal(ChangeStatus.Conflict, (await grain.CreateAsync(_author, new(Title: "Twice"))).Status);
    }

    [Theory]
    [InlineData(null, "x", "title", "This field is required.")]
    [InlineData("  ", "x", "title", "This field may not be blank.")]
    [InlineData("201", "x", "title", "Ensure this field has no more than 200 characters.")]
    [InlineData("ok", "100001", "body", "Ensure this field has no more than 100000 characters.")]
    public async Task Create_refuses_invalid_fields_by_name(string? title, string body, string field, string message)
    {
        var input = new PostInput(Expand(title), Expand(body));
        var result = await _grains.NewPostGrain().CreateAsync(_author, input);

        Assert.Equal(ChangeStatus.Invalid, result.Status);
        Assert.Equal([message], result.Errors![field]);
    }

    [Fact]
    public async Task Lengths_count_characters_not_utf16_units()
    {
        var title = string.Concat(Enumerable.Repeat("😀", 200));
        var result = await _grains.NewPostGrain().CreateAsync(_author, new(Title: title, Body: ""));
        Assert.Equal(ChangeStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Replace_by_the_author_bumps_the_version()
    {
        var post = await _grains.CreatePostAsync(_author);
        var grain = _grains.GetGrain<IPostGrain>(post.Id);

        var replaced = await grain.ReplaceAsync(_author, new(Title: "New"), GrainSteps.Version(1));

        Assert.Equal(ChangeStatus.Ok, replaced.Status);
        Assert.Equal(("New", "", 2), (replaced.Value!.Title, replaced.Value.Body, replaced.Value.Version));
        Assert.True(replaced.Value.UpdatedAt >= post.UpdatedAt);
        Assert.Equal(post.CreatedAt, replaced.Value.CreatedAt);
    }

    [Fact]
    public async Task Update_changes_only_given_fields_and_a_no_op_keeps_the_version()
    {
        var post = await _grains.CreatePostAsync(_author, "Title", "Body");
        var grain = _grains.GetGrain<IPostGrain>(post.Id);

        var updated = await grain.UpdateAsync(_author, new(Body: "Other"), null);
        Assert.Equal(("Title", "Other", 2), (updated.Value!.Title, updated.Value.Body, updated.Value.Version));

        var same = await grain.UpdateAsync(_author, new(Body: "Other"), null);
        Assert.Equal(2, same.Value!.Version);
    }

    [Fact]
    public async Task Only_the_author_changes_or_deletes_but_anyone_reads()
    {
        var post = await _grains.CreatePostAsync(_author);
        var grain = _grains.GetGrain<IPostGrain>(post.Id);

        Assert.Equal(ChangeStatus.Forbidden, (await grain.ReplaceAsync(_other, new(Title: "x"), null)).Status);
        Assert.Equal(ChangeStatus.Forbidden, (await grain.UpdateAsync(_other, new(Title: "x"), null)).Status);
        Assert.Equal(ChangeStatus.Forbidden, (await grain.DeleteAsync(_other, null)).Status);
        Assert.Equal(post, await grain.GetAsync());
    }

    [Fact]
    public async Task A_stale_version_is_refused_for_every_change()
    {
        var post = await _grains.CreatePostAsync(_author);
        var grain = _grains.GetGrain<IPostGrain>(post.Id);
        var stale = GrainSteps.Version(7);

        Assert.Equal(ChangeStatus.VersionMismatch, (await grain.ReplaceAsync(_author, new(Title: "x"), stale)).Status);
        Assert.Equal(ChangeStatus.VersionMismatch, (await grain.UpdateAsync(_author, new(Title: "x"), stale)).Status);
        Assert.Equal(ChangeStatus.VersionMismatch, (await grain.DeleteAsync(_author, stale)).Status);
        Assert.Equal(ChangeStatus.VersionMismatch, (await grain.DeleteAsync(_author, new(Versions: []))).Status);
        Assert.Equal(1, (await grain.GetAsync())!.Version);
    }

    [Fact]
    public async Task Two_concurrent_replaces_of_one_version_let_exactly_one_win()
    {
        var post = await _grains.CreatePostAsync(_author);
        var grain = _grains.GetGrain<IPostGrain>(post.Id);

        var results = await Task.WhenAll(
            grain.ReplaceAsync(_author, new(Title: "First"), GrainSteps.Version(1)),
            grain.ReplaceAsync(_author, new(Title: "Second"), GrainSteps.Version(1)));

        Assert.Single(results, r => r.Status == ChangeStatus.Ok);
        Assert.Single(results, r => r.Status == ChangeStatus.VersionMismatch);
        Assert.Equal(2, (await grain.GetAsync())!.Version);
    }

    [Fact]
    public async Task Delete_removes_the_post_and_later_changes_find_nothing()
    {
        var post = await _grains.CreatePostAsync(_author);
        var grain = _grains.GetGrain<IPostGrain>(post.Id);

        Assert.Equal(ChangeStatus.Ok, (await grain.DeleteAsync(_author, GrainSteps.Version(1))).Status);

        Assert.Null(await grain.GetAsync());
        Assert.False(await grain.ExistsAsync());
        Assert.Equal(ChangeStatus.NotFound, (await grain.UpdateAsync(_author, new(Title: "x"), null)).Status);
        Assert.Equal(ChangeStatus.NotFound, (await grain.DeleteAsync(_author, null)).Status);
    }

    private static string? Expand(string? value) => int.TryParse(value, out var length) ? new string('a', length) : value;
}
