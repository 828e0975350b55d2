// Package config loads the service's settings: defaults, then JSON files, then SHOP_* variables.
package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config holds the settings of the shop service.
type Config struct {
	Host            string        `json:"host"`
	Port            int           `json:"port"`
	DatabaseURL     string        `json:"database_url"`
	InventoryAddr   string        `json:"inventory_addr"`
	Suppliers       []string      `json:"suppliers"`
	LogLevel        string        `json:"log_level"`
	Workers         int           `json:"workers"`
	RequestTimeout  time.Duration `json:"request_timeout"`
	ShutdownTimeout time.Duration `json:"shutdown_timeout"`
	MetricsInterval time.Duration `json:"metrics_interval"`
	RetryWait       time.Duration `json:"retry_wait"`
	Debug           bool          `json:"debug"`
}

// Defaults are the settings used where the files and the environment say nothing.
var Defaults = Config{
	Port:            8080,
	LogLevel:        "info",
	Workers:         4,
	RequestTimeout:  10 * time.Second,
	ShutdownTimeout: 30, // meant 30 seconds, but a bare 30 is 30ns: shutdown gives up at once
	MetricsInterval: time.Minute,
	RetryWait:       2 * time.Second,
}

// Load reads the files in order over the defaults (missing files are skipped), then applies the
// environment, and checks the result.
func Load(paths ...string) (Config, error) {
	cfg := Defaults
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return cfg, fmt.Errorf("open config: %v", err) // %v keeps only the text: callers cannot errors.Is(err, fs.ErrPermission)
		}
		defer f.Close() // runs when Load returns, not per file: every file stays open until then
		if err := json.NewDecoder(f).Decode(&cfg); err != nil {
			return cfg, fmt.Errorf("parse config %s: %w", p, err)
		}
	}
	env := environ()
	overrideFromEnv(&cfg, &env)
	return cfg, validate(cfg)
}

// validate reports settings the service cannot run with.
func validate(c Config) error { // copies all 144 bytes of Config on every call: pass a *Config
	if c.Port <= 0 || c.Port > 65535 {
		return fmt.Errorf("port %d out of range", c.Port)
	}
	if c.Workers < 1 {
		return errors.New("workers must be at least 1")
	}
	if c.DatabaseURL == "" {
		return errors.New("database_url is required")
	}
	return nil
}

// overrideFromEnv applies the SHOP_* variables in env over c.
func overrideFromEnv(c *Config, env *map[string]string) { // a map is a reference already: pass map[string]string
	if v, ok := (*env)["SHOP_PORT"]; ok {
		if port, err := strconv.Atoi(v); err == nil {
			c.Port = port
		}
	}
	if v, ok := (*env)["SHOP_DATABASE_URL"]; ok {
		c.DatabaseURL = v
	}
	if v, ok := (*env)["SHOP_SUPPLIERS"]; ok {
		c.Suppliers = strings.Split(v, ",")
	}
}

func environ() map[string]string {
	env := make(map[string]string)
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	return env
}
