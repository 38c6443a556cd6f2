using Api.Identity.Mail;
using Api.Identity.SocialSignIn;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Silo.Hosting;
using Silo.Persistence;

namespace Api.Identity;

public static class IdentityExtensions
{
    /// <summary>Token keys and issuing, JwtBearer validation (the default scheme, <see cref="JwtBearerDefaults.AuthenticationScheme"/>), authorization, the auth rate limits, account mail and social sign-in.</summary>
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings<AuthOptions>(AuthOptions.SectionName)
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.SecretKey = o.SecretKey.NullIfBlank() ?? configuration["SECRET_KEY"].NullIfBlank();
                o.JweSecretKey = o.JweSecretKey.NullIfBlank() ?? configuration["JWE_SECRET_KEY"].NullIfBlank();
            });
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        services.AddSingleton<AccessTokenKeySource>();
        services.AddHostedService<AccessTokenKeyRefresher>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<AccessTokenEvents>();
        services.AddSingleton<ValidatedTokenCache>();
        services.ConfigureOptions<ConfigureAccessTokenValidation>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorization();
        services.AddAuthRateLimits();
        services.AddSocialSignIn();
        builder.AddAccountMail();
        return builder;
    }

    /// <summary>SMTP when <c>Smtp:Host</c> is set, else <c>.eml</c> files under <c>{Storage:DataDirectory}/mail/</c>; sent by <see cref="AccountMailer"/>.</summary>
    private static void AddAccountMail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSettings<SmtpOptions>(SmtpOptions.SectionName);
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        if (string.IsNullOrWhiteSpace(builder.Configuration["Smtp:Host"]))
        {
            var folder = Path.Combine(PlatformDatabase.DataDirectoryFrom(builder.Configuration, builder.Environment.ContentRootPath), "mail");
            services.AddSingleton<IMailTransport>(sp => new MailDropFolder(folder, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MailDropFolder>>()));
        }
        else
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        services.AddSingleton<AccountMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountMailer>());
    }
}
