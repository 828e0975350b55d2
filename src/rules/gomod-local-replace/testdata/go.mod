module example.com/app

go 1.21

require (
	example.com/auth v1.2.0
	example.com/cache v0.4.1
	example.com/lib v1.8.2
	example.com/metrics v1.0.0
	example.com/queue v2.1.0+incompatible
	example.com/store v1.3.0
)

replace example.com/lib => ../lib // want `replace sends example\.com/lib to the local directory \.\./lib`

replace example.com/store v1.3.0 => ./third_party/store // want `replace sends example\.com/store v1\.3\.0 to the local directory \./third_party/store`

replace (
	example.com/auth => example.com/auth-fork v1.2.1
	example.com/cache => /srv/src/cache // want `replace sends example\.com/cache to the local directory /srv/src/cache`
	example.com/metrics v1.0.0 => example.com/metrics v1.0.1
	example.com/queue => ../../queue // want `to the local directory \.\./\.\./queue`
)

replace example.com/other => github.com/acme/other v0.3.0
replace example.com/tools v0.1.0 => golang.org/x/tools v0.1.12
