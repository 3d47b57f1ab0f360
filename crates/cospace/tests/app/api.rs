//! The JSON API: listing, reading, creating and updating spaces and members with a token;
//! problem details for every error; the OpenAPI document.

use crate::PASSWORD;
use axum::http::Method;
use cospace_core::permissions::MemberRole;
use cospace_testkit::{db_tests, json, TestApp, TestResponse};

db_tests!(cospace::components();
    lists_and_reads_public_spaces,
    creates_and_updates_spaces_with_a_token,
    api_errors_are_problem_details,
    manages_members,
    openapi_document_describes_the_api,
    writes_need_a_token_before_the_body_is_read,
    undeclared_methods_answer_405,
    body_problems_name_the_field,
);

fn assert_problem(response: &TestResponse, status: u16) {
    assert_eq!(response.status, status, "{}", response.body);
    assert_eq!(response.content_type(), "application/problem+json");
    let body = response.json();
    assert_eq!(body["status"], status);
    for field in ["type", "title", "detail", "instance"] {
        assert!(body[field].is_string(), "{field} missing: {body}");
    }
}

async fn lists_and_reads_public_spaces(app: TestApp) {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    app.create_space_with(None, "secret", "Secret", "private")
        .await;
    let mut client = app.client();
    let list = client.api(Method::GET, "/api/v1/spaces", None, None).await;
    assert_eq!(list.status, 200);
    let slugs: Vec<String> = list
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["slug"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(slugs.len(), 2);
    assert!(slugs.contains(&"azory".to_owned()) && !slugs.contains(&"secret".to_owned()));
    let children = client
        .api(Method::GET, "/api/v1/spaces?parent=krakow", None, None)
        .await;
    assert_eq!(children.json().as_array().unwrap().len(), 1);
    let azory = client
        .api(Method::GET, "/api/v1/spaces/azory", None, None)
        .await;
    assert_eq!(azory.status, 200);
    let body = azory.json();
    assert_eq!(body["parent"], "krakow");
    assert_eq!(body["breadcrumbs"][0]["slug"], "krakow");
    assert_eq!(
        body["components"],
        json!(["about", "calendar", "stakeholders"])
    );
    assert_eq!(body["languages"], json!(["en", "pl"]));
    assert_problem(
        &client
            .api(Method::GET, "/api/v1/spaces/secret", None, None)
            .await,
        404,
    );
    assert_problem(
        &client
            .api(Method::GET, "/api/v1/spaces/nope", None, None)
            .await,
        404,
    );
    assert_problem(
        &client.api(Method::GET, "/api/v1/nothing", None, None).await,
        404,
    );
}

async fn creates_and_updates_spaces_with_a_token(app: TestApp) {
    app.create_user("admin@example.org", PASSWORD, true).await;
    let token = app.api_token("admin@example.org").await;
    let mut client = app.client();
    let created = client
        .api(
            Method::POST,
            "/api/v1/spaces",
            Some(&token),
            Some(json!({"title": "Kraków", "slug": "krakow", "kind": "city", "languages": ["pl", "en"]})),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.location(), Some("/api/v1/spaces/krakow"));
    assert_eq!(created.json()["visibility"], "public");
    let child = client
        .api(
            Method::POST,
            "/api/v1/spaces",
            Some(&token),
            Some(json!({"parent": "krakow", "title": "Azory", "slug": "azory", "kind": "neighbourhood", "languages": ["pl"]})),
        )
        .await;
    assert_eq!(child.status, 201, "{}", child.body);
    assert_eq!(child.json()["breadcrumbs"][0]["title"], "Kraków");
    let updated = client
        .api(
            Method::PATCH,
            "/api/v1/spaces/azory",
            Some(&token),
            Some(json!({"description": "Housing estate in Kraków", "visibility": "private"})),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    assert_eq!(updated.json()["description"], "Housing estate in Kraków");
    assert_eq!(updated.json()["title"], "Azory");
    assert_eq!(updated.json()["visibility"], "private");
    // Private now: invisible without a token.
    assert_eq!(
        app.client()
            .api(Method::GET, "/api/v1/spaces/azory", None, None)
            .await
            .status,
        404
    );
    let me = client
        .api(Method::GET, "/api/v1/me", Some(&token), None)
        .await;
    assert_eq!(me.json()["email"], "admin@example.org");
    assert_eq!(app.count_activity("space.update").await, 1);
}

async fn api_errors_are_problem_details(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    app.create_space(None, "krakow", "Kraków").await;
    let token = app.api_token("ana@example.org").await;
    let mut client = app.client();
    let body = json!({"title": "X", "slug": "x-space", "kind": "city", "languages": ["en"]});
    let no_token = client
        .api(Method::POST, "/api/v1/spaces", None, Some(body.clone()))
        .await;
    assert_problem(&no_token, 401);
    assert!(no_token.header("www-authenticate").is_some());
    assert_problem(
        &client
            .api(
                Method::POST,
                "/api/v1/spaces",
                Some("csp_wrong"),
                Some(body.clone()),
            )
            .await,
        401,
    );
    // Signed-in but not a platform admin: no top-level spaces.
    assert_problem(
        &client
            .api(
                Method::POST,
                "/api/v1/spaces",
                Some(&token),
                Some(body.clone()),
            )
            .await,
        403,
    );
    // Nor children of a space they do not administer.
    let mut child = body.clone();
    child["parent"] = json!("krakow");
    assert_problem(
        &client
            .api(Method::POST, "/api/v1/spaces", Some(&token), Some(child))
            .await,
        403,
    );
    let admin_token = {
        app.create_user("admin@example.org", PASSWORD, true).await;
        app.api_token("admin@example.org").await
    };
    let auth = format!("Bearer {admin_token}");
    let malformed = client
        .request(
            Method::POST,
            "/api/v1/spaces",
            &[
                ("authorization", auth.as_str()),
                ("content-type", "application/json"),
            ],
            "{not json".into(),
        )
        .await;
    assert_problem(&malformed, 400);
    let wrong_type = client
        .request(
            Method::POST,
            "/api/v1/spaces",
            &[
                ("authorization", auth.as_str()),
                ("content-type", "text/plain"),
            ],
            body.to_string().into(),
        )
        .await;
    assert_problem(&wrong_type, 415);
    let invalid = client
        .api(
            Method::POST,
            "/api/v1/spaces",
            Some(&admin_token),
            Some(json!({"title": "", "slug": "Bad Slug", "kind": "planet", "languages": []})),
        )
        .await;
    assert_problem(&invalid, 422);
    let errors = invalid.json()["errors"].as_array().unwrap().clone();
    let fields: Vec<&str> = errors
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "slug", "kind", "languages"]);
    assert_eq!(errors[1]["code"], "error-slug-format");
    let duplicate = client
        .api(
            Method::POST,
            "/api/v1/spaces",
            Some(&admin_token),
            Some(json!({"title": "Again", "slug": "krakow", "kind": "city", "languages": ["en"]})),
        )
        .await;
    assert_problem(&duplicate, 409);
    assert_eq!(duplicate.json()["errors"][0]["field"], "slug");
    let huge = "x".repeat(2 * 1024 * 1024);
    let too_large = client
        .request(
            Method::POST,
            "/api/v1/spaces",
            &[
                ("authorization", auth.as_str()),
                ("content-type", "application/json"),
            ],
            huge.into(),
        )
        .await;
    assert_problem(&too_large, 413);
    // Problem details speak the caller's language.
    client.accept_language = Some("pl".into());
    let polish = client
        .api(Method::GET, "/api/v1/spaces/nope", None, None)
        .await;
    assert_eq!(polish.header("content-language"), Some("pl"));
    assert_ne!(
        polish.json()["detail"],
        "This page does not exist, or you may not see it."
    );
    // Nothing was written by any of the failures.
    assert_eq!(
        cospace_store::spaces::all_spaces(app.db())
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn manages_members(app: TestApp) {
    app.create_space(None, "azory", "Azory").await;
    app.create_user("coordinator@example.org", PASSWORD, false)
        .await;
    app.create_user("resident@example.org", PASSWORD, false)
        .await;
    app.add_member("azory", "coordinator@example.org", MemberRole::Admin)
        .await;
    let token = app.api_token("coordinator@example.org").await;
    let resident_token = app.api_token("resident@example.org").await;
    let mut client = app.client();
    let put = client
        .api(
            Method::PUT,
            "/api/v1/spaces/azory/members",
            Some(&token),
            Some(json!({"email": "resident@example.org", "role": "member"})),
        )
        .await;
    assert_eq!(put.status, 200, "{}", put.body);
    let members = put.json();
    assert_eq!(members.as_array().unwrap().len(), 2);
    assert!(members[0]["email"].is_string());
    // The public list shows no e-mail addresses.
    let public = client
        .api(Method::GET, "/api/v1/spaces/azory/members", None, None)
        .await;
    assert!(public.json()[0]["email"].is_null());
    // A plain member cannot manage members.
    assert_problem(
        &client
            .api(
                Method::PUT,
                "/api/v1/spaces/azory/members",
                Some(&resident_token),
                Some(json!({"email": "coordinator@example.org", "role": "member"})),
            )
            .await,
        403,
    );
    let unknown = client
        .api(
            Method::PUT,
            "/api/v1/spaces/azory/members",
            Some(&token),
            Some(json!({"email": "ghost@example.org", "role": "member"})),
        )
        .await;
    // No account has that e-mail: the state refuses it, and the problem names the field.
    assert_problem(&unknown, 409);
    assert_eq!(unknown.json()["errors"][0]["field"], "email");
    assert_eq!(unknown.json()["errors"][0]["code"], "error-no-such-user");
    let resident_id = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "resident@example.org")
        .unwrap()["user_id"]
        .as_i64()
        .unwrap();
    let removed = client
        .api(
            Method::DELETE,
            &format!("/api/v1/spaces/azory/members/{resident_id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(removed.status, 204);
    assert_problem(
        &client
            .api(
                Method::DELETE,
                &format!("/api/v1/spaces/azory/members/{resident_id}"),
                Some(&token),
                None,
            )
            .await,
        404,
    );
}

async fn openapi_document_describes_the_api(app: TestApp) {
    let mut client = app.client();
    let response = client.get("/api/openapi.json").await;
    assert_eq!(response.status, 200);
    let doc = response.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/v1/spaces",
        "/api/v1/spaces/{slug}",
        "/api/v1/spaces/{slug}/members",
        "/api/v1/spaces/{slug}/members/{user_id}",
        "/api/v1/me",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    assert_eq!(
        doc["components"]["securitySchemes"]["token"]["scheme"],
        "bearer"
    );

    // What the edge answers on any operation is documented on every one: a client generated
    // from the document is never surprised by a status.
    let problem = |op: &serde_json::Value, status: &str, path: &str| {
        let response = &op["responses"][status];
        assert_eq!(
            response["content"]["application/problem+json"]["schema"]["$ref"],
            "#/components/schemas/Problem",
            "{status} of {path}"
        );
    };
    let text_pattern = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$";
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            problem(op, "400", path);
            problem(op, "401", path);
            if path.contains("{slug}") {
                problem(op, "404", path);
            }
            if op.get("requestBody").is_some() {
                problem(op, "413", path);
                problem(op, "415", path);
            }
            for parameter in op["parameters"].as_array().into_iter().flatten() {
                let schema = &parameter["schema"];
                let name = parameter["name"].as_str().unwrap();
                if name == "slug" {
                    assert_eq!(schema["pattern"], "^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
                } else if schema["type"] == "string" {
                    assert!(
                        schema["pattern"].is_string()
                            || schema["enum"].is_array()
                            || schema["format"].is_string(),
                        "{method} {path}: free text parameter {name}"
                    );
                }
            }
        }
    }
    assert!(operations >= 24, "{operations} operations");
    // Text in bodies holds no control characters; closed vocabularies are listed.
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["SpaceCreate"]["properties"]["description"]["pattern"],
        text_pattern
    );
    assert_eq!(
        schemas["SpaceCreate"]["propertyNames"]["pattern"],
        text_pattern
    );
    assert_eq!(
        schemas["MemberPut"]["properties"]["role"]["enum"],
        json!(["member", "admin"])
    );
    // The limits the core's validators enforce are stated, from the same constants.
    let limits = |schema: &str, property: &str| {
        // A schema with a rule across properties is `allOf: [the object, the rule]`.
        let object = &schemas[schema];
        let object = object.get("allOf").map(|all| &all[0]).unwrap_or(object);
        let p = &object["properties"][property];
        (
            p["minLength"].as_u64(),
            p["maxLength"].as_u64().map(|n| n as usize),
        )
    };
    use cospace_core::calendar::event;
    use cospace_core::space::SpaceDraft;
    use cospace_core::stakeholders::OrganizationDraft;
    for (schema, property, min, max) in [
        ("SpaceCreate", "title", Some(1), SpaceDraft::TITLE_MAX),
        ("SpaceUpdate", "title", Some(1), SpaceDraft::TITLE_MAX),
        (
            "SpaceCreate",
            "description",
            None,
            SpaceDraft::DESCRIPTION_MAX,
        ),
        ("SpaceCreate", "slug", Some(2), 60),
        (
            "OrganizationIn",
            "name",
            Some(1),
            OrganizationDraft::NAME_MAX,
        ),
        (
            "OrganizationIn",
            "address",
            None,
            OrganizationDraft::ADDRESS_MAX,
        ),
        ("EventIn", "title", Some(1), event::MAX_TITLE),
        ("EventIn", "description", None, event::MAX_DESCRIPTION),
        (
            "MemberPut",
            "email",
            None,
            cospace_core::account::Email::MAX_LEN,
        ),
    ] {
        assert_eq!(
            limits(schema, property),
            (min, Some(max)),
            "{schema}.{property}"
        );
    }
    // A required text needs more than white space, as the validators trim.
    assert_ne!(
        schemas["SpaceCreate"]["properties"]["title"]["pattern"],
        text_pattern
    );
    assert_eq!(
        schemas["MemberPut"]["properties"]["email"]["format"],
        "email"
    );
    // An organisation's latitude and longitude come together: both numbers, or neither.
    let organization = &schemas["OrganizationIn"]["allOf"];
    assert_eq!(organization[0]["properties"]["lat"]["maximum"], 90.0);
    assert_eq!(
        organization[1]["anyOf"][1]["required"],
        json!(["lat", "lon"])
    );
    assert_eq!(
        schemas["EventIn"]["properties"]["organizers"]["maxItems"],
        event::MAX_ORGANIZERS
    );
    // Optional on the wire is optional in the document.
    assert_eq!(
        schemas["OrganizationIn"]["allOf"][0]["required"],
        json!(["name", "sector"])
    );
    let items = &doc["paths"]["/api/v1/spaces/{slug}/action-items"]["get"]["parameters"];
    let status = items
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "status")
        .unwrap();
    assert_eq!(
        status["schema"]["enum"],
        json!(["open", "in_progress", "done", "dropped"])
    );
}

/// Every write operation of the document, with its path parameters filled in: `{slug}` is
/// `slug`, any other parameter `1`.
fn write_operations(doc: &serde_json::Value, slug: &str) -> Vec<(Method, String, bool)> {
    let mut writes = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let method: Method = method.to_uppercase().parse().unwrap();
            if matches!(method, Method::GET | Method::HEAD | Method::OPTIONS) {
                continue;
            }
            let mut concrete = path.replace("{slug}", slug);
            while let Some(start) = concrete.find('{') {
                let end = concrete[start..].find('}').unwrap() + start;
                concrete.replace_range(start..=end, "1");
            }
            writes.push((method, concrete, op.get("requestBody").is_some()));
        }
    }
    writes
}

async fn writes_need_a_token_before_the_body_is_read(app: TestApp) {
    app.create_user("admin@example.org", PASSWORD, true).await;
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space_with(None, "secret", "Secret", "private")
        .await;
    let token = app.api_token("admin@example.org").await;
    let auth = format!("Bearer {token}");
    let mut client = app.client();
    let doc = client.get("/api/openapi.json").await.json();
    let garbage: [(&str, &[u8]); 4] = [
        ("application/json", b"{not json"),
        ("application/json", b"{}"),
        ("text/plain", b"hello"),
        ("application/json", &[b'['; 4096]),
    ];
    let mut checked = 0;
    // Anonymous (or with a wrong token), whatever the body and whether the space exists: 401.
    for slug in ["krakow", "secret", "nowhere"] {
        for (method, path, _) in write_operations(&doc, slug) {
            for (content_type, body) in garbage {
                for authorization in [None, Some("Bearer csp_wrong"), Some("Basic eDp5")] {
                    let mut headers = vec![("content-type", content_type)];
                    if let Some(value) = authorization {
                        headers.push(("authorization", value));
                    }
                    let response = client
                        .request(method.clone(), &path, &headers, body.to_vec().into())
                        .await;
                    assert_problem(&response, 401);
                    assert!(
                        response
                            .header("www-authenticate")
                            .is_some_and(|v| v.starts_with("Bearer")),
                        "{method} {path}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 3 * 7 * 4 * 3, "{checked} requests");
    // With a valid token, a garbage body is a 400 that names the problem.
    for (method, path, has_body) in write_operations(&doc, "krakow") {
        if !has_body {
            continue;
        }
        let response = client
            .request(
                method.clone(),
                &path,
                &[
                    ("authorization", auth.as_str()),
                    ("content-type", "application/json"),
                ],
                b"{not json".to_vec().into(),
            )
            .await;
        assert_problem(&response, 400);
        let body = response.json();
        assert_eq!(
            body["type"], "urn:cospace:problem:malformed-json",
            "{method} {path}"
        );
        assert_eq!(body["errors"][0]["field"], "$", "{method} {path}");
        assert_eq!(
            body["errors"][0]["code"], "error-json-syntax",
            "{method} {path}"
        );
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("line 1, column 2"),
            "{body}"
        );
    }
    // Nothing was written.
    assert_eq!(
        cospace_store::spaces::all_spaces(app.db())
            .await
            .unwrap()
            .len(),
        2
    );
}

async fn body_problems_name_the_field(app: TestApp) {
    app.create_user("admin@example.org", PASSWORD, true).await;
    app.create_space(None, "krakow", "Kraków").await;
    let token = app.api_token("admin@example.org").await;
    let auth = format!("Bearer {token}");
    let mut client = app.client();
    let first_error = |response: &TestResponse, status: u16| {
        assert_problem(response, status);
        response.json()["errors"][0].clone()
    };
    // A wrong type deep inside: the path to it, and the JSON type expected.
    let nested = client
        .api(
            Method::POST,
            "/api/v1/spaces/krakow/events",
            Some(&token),
            Some(json!({"title": "Walk", "organizers": ["1", 2]})),
        )
        .await;
    let error = first_error(&nested, 400);
    assert_eq!(error["field"], "organizers[1]");
    assert_eq!(error["code"], "error-json-type");
    assert_eq!(
        error["message"],
        "This value has the wrong type: expected string."
    );
    let number = client
        .api(
            Method::POST,
            "/api/v1/spaces/krakow/matches",
            Some(&token),
            Some(json!({"need": "seven", "resource": 1})),
        )
        .await;
    let error = first_error(&number, 400);
    assert_eq!(error["field"], "need");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .ends_with("expected integer."));
    // A required field left out.
    let missing = client
        .api(
            Method::POST,
            "/api/v1/spaces",
            Some(&token),
            Some(json!({"slug": "azory", "kind": "city", "languages": ["en"]})),
        )
        .await;
    let error = first_error(&missing, 400);
    assert_eq!(error["field"], "title");
    assert_eq!(error["code"], "error-json-missing");
    // A value outside a closed vocabulary: the field, and why.
    let unknown = client
        .api(
            Method::PATCH,
            "/api/v1/spaces/krakow",
            Some(&token),
            Some(json!({"kind": "planet", "visibility": "secretive"})),
        )
        .await;
    assert_problem(&unknown, 422);
    let fields: Vec<serde_json::Value> = unknown.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].clone())
        .collect();
    assert_eq!(fields, [json!("kind"), json!("visibility")]);
    // Not JSON at all: where it broke, in the caller's language.
    client.accept_language = Some("pl".into());
    let syntax = client
        .request(
            Method::POST,
            "/api/v1/spaces",
            &[
                ("authorization", auth.as_str()),
                ("content-type", "application/json"),
            ],
            "{\n  \"title\": \"Azory\",\n  \"slug\" \"azory\"\n}".into(),
        )
        .await;
    let error = first_error(&syntax, 400);
    assert_eq!(error["field"], "$");
    assert_eq!(error["code"], "error-json-syntax");
    assert_eq!(
        error["message"],
        "Treść nie jest poprawnym JSON-em: błąd w wierszu 3, kolumnie 10."
    );
    assert_eq!(
        cospace_store::spaces::all_spaces(app.db())
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn undeclared_methods_answer_405(app: TestApp) {
    app.create_space(None, "krakow", "Kraków").await;
    let mut client = app.client();
    // Anonymous: a method no route has is 405 (with `Allow`), not a request for a token.
    for (method, path) in [
        (Method::TRACE, "/api/v1/spaces/krakow"),
        (Method::POST, "/api/v1/me"),
        (Method::DELETE, "/api/v1/spaces/krakow/events"),
    ] {
        let response = client.api(method.clone(), path, None, None).await;
        assert_problem(&response, 405);
        assert!(response.header("allow").is_some(), "{method} {path}");
    }
}
