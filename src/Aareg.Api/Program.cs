using Aareg.Api.Oppsett;

var builder = WebApplication.CreateBuilder(args);
builder.AddAareg();

var app = builder.Build();
await app.BrukAaregAsync();
await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
