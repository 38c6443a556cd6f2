using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Content;

/// <summary>The Api with <see cref="TestBearerHandler"/> as its authentication, until the identity feature provides real tokens.</summary>
public sealed class ContentApiFactory : ApiFactory
{
    public ContentApiFactory() { }

    internal ContentApiFactory(IDictionary<string, string?> settings) : base(settings) { }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services
            .AddAuthentication(TestBearerHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestBearerHandler>(TestBearerHandler.SchemeName, null));
    }
}
