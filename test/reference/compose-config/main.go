// compose-config prints the project that compose-go (the loader behind
// `docker compose config`) makes of a set of compose files, as JSON in the
// form `docker compose config --format json` prints.
//
// Variables come only from the env file (the project .env by default, or
// --env-file), never from the process environment, so the output depends on
// the files alone. Every profile is enabled, so every service is listed; the
// profiles COMPOSE_PROFILES activates are printed as x-active-profiles.
//
//	compose-config --dir D -f docker-compose.yml [-f override.yml] [--env-file F]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/dotenv"
)

type fileList []string

func (f *fileList) String() string { return strings.Join(*f, ",") }

func (f *fileList) Set(v string) error {
	*f = append(*f, v)
	return nil
}

type request struct {
	dir     string
	files   []string
	envFile string
}

func parseArgs(args []string) (request, error) {
	fs := flag.NewFlagSet("compose-config", flag.ContinueOnError)
	var files fileList
	dir := fs.String("dir", "", "project folder (default: the folder of the first compose file)")
	envFile := fs.String("env-file", "", "env file with the variables (default: .env in the project folder, if any)")
	fs.Var(&files, "f", "compose file, relative to --dir (repeat in merge order)")
	if err := fs.Parse(args); err != nil {
		return request{}, err
	}
	if fs.NArg() > 0 {
		return request{}, fmt.Errorf("unexpected argument %q: pass compose files with -f", fs.Arg(0))
	}
	if len(files) == 0 {
		return request{}, errors.New("no compose file given: pass at least one with -f FILE")
	}
	r := request{dir: *dir, files: files, envFile: *envFile}
	if r.dir == "" {
		r.dir = filepath.Dir(files[0])
	} else {
		for i, f := range r.files {
			if !filepath.IsAbs(f) {
				r.files[i] = filepath.Join(r.dir, f)
			}
		}
		if r.envFile != "" && !filepath.IsAbs(r.envFile) {
			r.envFile = filepath.Join(r.dir, r.envFile)
		}
	}
	return r, nil
}

// envFiles is the env file given, or the project .env when it exists, or none.
func envFiles(r request) ([]string, error) {
	if r.envFile != "" {
		return []string{r.envFile}, nil
	}
	dotEnv := filepath.Join(r.dir, ".env")
	s, err := os.Stat(dotEnv)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if s.IsDir() {
		return nil, nil
	}
	return []string{dotEnv}, nil
}

// activeProfiles reads COMPOSE_PROFILES from the env file, as compose does.
func activeProfiles(files []string) ([]string, error) {
	env, err := dotenv.GetEnvFromFile(map[string]string{}, files)
	if err != nil {
		return nil, err
	}
	profiles := []string{}
	for _, p := range strings.Split(env["COMPOSE_PROFILES"], ",") {
		if p = strings.TrimSpace(p); p != "" {
			profiles = append(profiles, p)
		}
	}
	return profiles, nil
}

func run(args []string) error {
	r, err := parseArgs(args)
	if err != nil {
		return err
	}
	env, err := envFiles(r)
	if err != nil {
		return err
	}
	// No cli.WithOsEnv: the process environment never reaches the model.
	// cli.WithEnvFiles only when there is one, as without it compose-go
	// would read COMPOSE_DISABLE_ENV_FILE from the process environment.
	fns := []cli.ProjectOptionsFn{cli.WithWorkingDirectory(r.dir)}
	if len(env) > 0 {
		fns = append(fns, cli.WithEnvFiles(env...), cli.WithDotEnv)
	}
	fns = append(fns, cli.WithProfiles([]string{"*"}))
	opts, err := cli.NewProjectOptions(r.files, fns...)
	if err != nil {
		return err
	}
	project, err := opts.LoadProject(context.Background())
	if err != nil {
		return err
	}
	profiles, err := activeProfiles(env)
	if err != nil {
		return err
	}
	if project.Extensions == nil {
		project.Extensions = map[string]any{}
	}
	project.Extensions["x-active-profiles"] = profiles
	out, err := project.MarshalJSON()
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(append(out, '\n'))
	return err
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
